// readTrace; see trace_reader.h. The rules checked here are the ones traces/SCHEMA.md states.
#include "trace/trace_reader.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>

#include "trace/trace_event.h"

namespace lab {

std::string TraceProblem::toString() const { return file + ":" + std::to_string(line) + ": " + reason; }

namespace {

// What went wrong with a header object, or nullopt when it is fine.
std::optional<std::string> headerProblem(const TraceJson& header) {
    if (!header.is_object()) return "line 1 must be the header object";
    if (!header.contains("schema") || header["schema"] != kTraceSchema) {
        return "line 1 is not a reactor-lab trace header (expected \"schema\": \"" + std::string(kTraceSchema) + "\")";
    }
    if (!header.contains("version") || !header["version"].is_number_integer()) return "header has no integer \"version\"";
    if (header["version"] != kTraceVersion) {
        return "trace version " + header["version"].dump() + " is not supported (this reader knows version " +
               std::to_string(kTraceVersion) + ")";
    }
    for (const char* key : {"program", "backend", "clock"}) {
        if (!header.contains(key) || !header[key].is_string()) return std::string("header has no string \"") + key + "\"";
    }
    return std::nullopt;
}

// Checks one event against the rules that do not depend on other lines.
std::optional<std::string> eventProblem(const TraceJson& event) {
    if (!event.is_object()) return "expected a JSON object";
    for (const char* key : {"seq", "t", "iter"}) {
        if (!event.contains(key)) return std::string("missing \"") + key + "\"";
        if (!event[key].is_number_integer() || event[key].get<std::int64_t>() < 0) {
            return std::string("\"") + key + "\" must be a non-negative integer, got " + event[key].dump();
        }
    }
    if (!event.contains("kind")) return "missing \"kind\"";
    if (!event["kind"].is_string() || event["kind"].get<std::string>().empty()) {
        return "\"kind\" must be a non-empty string, got " + event["kind"].dump();
    }
    return std::nullopt;
}

}  // namespace

const char* const kEmptyTraceReason = "the file is empty (a trace starts with a header line)";

namespace {

std::optional<std::string> parseLine(std::string_view text, bool unterminated, TraceJson& out) {
    if (text.empty()) return "empty line";
    out = TraceJson::parse(text, nullptr, false);
    if (out.is_discarded()) {
        return unterminated ? "truncated last line (no newline at the end, not valid JSON)" : "not valid JSON";
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> checkHeaderLine(std::string_view text, bool unterminated, TraceJson& header) {
    if (auto why = parseLine(text, unterminated, header)) return why;
    return headerProblem(header);
}

std::optional<std::string> checkEventLine(std::string_view text, bool unterminated, TraceJson& event) {
    if (auto why = parseLine(text, unterminated, event)) return why;
    return eventProblem(event);
}

std::optional<std::string> EventOrder::check(std::int64_t seq, std::int64_t t, std::int64_t iter) {
    if (seq <= lastSeq_) return "seq " + std::to_string(seq) + " does not follow seq " + std::to_string(lastSeq_);
    if (t < lastTime_) return "time goes backwards: t " + std::to_string(t) + " after t " + std::to_string(lastTime_);
    if (iter < lastIter_) {
        return "iter goes backwards: iter " + std::to_string(iter) + " after iter " + std::to_string(lastIter_);
    }
    lastSeq_ = seq;
    lastTime_ = t;
    lastIter_ = iter;
    return std::nullopt;
}

TraceFile readTrace(std::istream& in, const std::string& name) {
    TraceFile trace;
    auto problem = [&](std::size_t line, std::string reason) {
        trace.problems.push_back(TraceProblem{name, line, std::move(reason)});
    };
    std::string text;
    std::size_t lineNumber = 0;
    EventOrder order;
    while (std::getline(in, text)) {
        ++lineNumber;
        bool unterminated = in.eof();  // getline hit the end before a newline
        TraceJson json;
        if (lineNumber == 1) {
            if (auto why = checkHeaderLine(text, unterminated, json)) problem(1, *why);
            else trace.header = std::move(json);
            continue;
        }
        auto why = checkEventLine(text, unterminated, json);
        if (!why) why = order.check(json["seq"].get<std::int64_t>(), json["t"].get<std::int64_t>(), json["iter"].get<std::int64_t>());
        if (why) {
            problem(lineNumber, *why);
            continue;
        }
        trace.events.push_back(std::move(json));
        trace.lines.push_back(lineNumber);
    }
    if (lineNumber == 0) problem(0, kEmptyTraceReason);
    return trace;
}

TraceFile readTraceFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        TraceFile trace;
        trace.problems.push_back(TraceProblem{path, 0, std::string("cannot open: ") + std::strerror(errno)});
        return trace;
    }
    return readTrace(in, path);
}

}  // namespace lab
