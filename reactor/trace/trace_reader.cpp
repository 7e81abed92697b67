// readTrace; see trace_reader.h. The rules checked here are the ones traces/SCHEMA.md states.
#include "trace/trace_reader.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <utility>

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

TraceStream::TraceStream(std::istream& in, std::string name, bool following)
    : in_(in), name_(std::move(name)), following_(following) {}

bool TraceStream::next(TraceJson& event) {
    if (in_.eof()) in_.clear();  // following: the file may have grown since the end was met
    std::string text;
    while (std::getline(in_, text)) {
        bool unterminated = in_.eof();  // getline hit the end before a newline
        if (following_) {
            text.insert(0, pending_);
            pending_.clear();
            if (unterminated) {  // the writer is in the middle of this line: wait for the rest
                pending_ = std::move(text);
                return false;
            }
        }
        ++lineNumber_;
        auto problem = [&](std::string reason) { problems_.push_back(TraceProblem{name_, lineNumber_, std::move(reason)}); };
        if (lineNumber_ == 1) {
            TraceJson header;
            if (auto why = checkHeaderLine(text, unterminated, header)) problem(*why);
            else header_ = std::move(header);
            continue;
        }
        auto why = checkEventLine(text, unterminated, event);
        if (!why) why = order_.check(event["seq"].get<std::int64_t>(), event["t"].get<std::int64_t>(), event["iter"].get<std::int64_t>());
        if (why) {
            problem(*why);
            continue;
        }
        eventLine_ = lineNumber_;
        return true;
    }
    return false;
}

std::vector<TraceProblem> TraceStream::takeProblems() {
    if (lineNumber_ == 0 && in_.eof() && !following_ && !emptyReported_) {
        emptyReported_ = true;
        problems_.push_back(TraceProblem{name_, 0, kEmptyTraceReason});
    }
    return std::exchange(problems_, {});
}

TraceFile readTrace(std::istream& in, const std::string& name) {
    TraceFile trace;
    TraceStream stream(in, name);
    TraceJson event;
    while (stream.next(event)) {
        trace.events.push_back(std::move(event));
        trace.lines.push_back(stream.line());
    }
    trace.header = stream.header();
    trace.problems = stream.takeProblems();
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
