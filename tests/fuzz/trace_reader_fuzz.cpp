// Fuzz target: the trace reader (reactor/trace/trace_reader.h). Any bytes are a trace file.
//
// Beyond "never crash": readTrace, the line rules it is built from (checkHeaderLine,
// checkEventLine, EventOrder, which the visualizer's parallel reader calls directly) and
// readTraceFile on a file holding the same bytes must agree line by line, and every line must
// end up either as an event or as a problem naming that line. Built by tests/fuzz/CMakeLists.txt
// (REACTOR_LAB_FUZZ=ON, clang); run by tests/fuzz/run.sh; seeds in corpus/trace_reader/.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "trace/trace_reader.h"

namespace {

void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "trace_reader_fuzz: invariant broken: %s\n", what);
    std::abort();
}

// The same split std::getline makes: a final line without '\n' still counts, and is the only
// one that can be unterminated.
struct Line {
    std::string_view text;
    bool unterminated;
};
std::vector<Line> splitLines(std::string_view input) {
    std::vector<Line> lines;
    std::size_t at = 0;
    while (at < input.size()) {
        std::size_t end = input.find('\n', at);
        if (end == std::string_view::npos) {
            lines.push_back({input.substr(at), true});
            break;
        }
        lines.push_back({input.substr(at, end - at), false});
        at = end + 1;
    }
    return lines;
}

// The problems readTrace must report, found with the per-line rules alone.
std::vector<std::size_t> expectedProblemLines(const std::vector<Line>& lines, std::size_t& events) {
    std::vector<std::size_t> problems;
    lab::EventOrder order;
    events = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        lab::TraceJson json;
        if (i == 0) {
            if (lab::checkHeaderLine(lines[i].text, lines[i].unterminated, json)) problems.push_back(1);
            continue;
        }
        auto why = lab::checkEventLine(lines[i].text, lines[i].unterminated, json);
        if (!why) why = order.check(json["seq"].get<std::int64_t>(), json["t"].get<std::int64_t>(), json["iter"].get<std::int64_t>());
        if (why) {
            problems.push_back(i + 1);
        } else {
            ++events;
        }
    }
    if (lines.empty()) problems.push_back(0);
    return problems;
}

// A file holding `input`, in memory: readTraceFile opens it by its /proc path.
class MemoryFile {
public:
    MemoryFile() : fd_(::memfd_create("trace_reader_fuzz", 0)) { require(fd_ >= 0, "memfd_create failed"); }
    ~MemoryFile() { ::close(fd_); }
    std::string hold(std::string_view input) {
        require(::ftruncate(fd_, 0) == 0, "ftruncate failed");
        require(::pwrite(fd_, input.data(), input.size(), 0) == static_cast<ssize_t>(input.size()), "pwrite failed");
        return "/proc/self/fd/" + std::to_string(fd_);
    }

private:
    int fd_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    std::istringstream in{std::string(input)};
    lab::TraceFile trace = lab::readTrace(in, "fuzz.jsonl");

    require(trace.events.size() == trace.lines.size(), "events and their line numbers differ in count");
    std::vector<Line> lines = splitLines(input);
    std::size_t expectedEvents = 0;
    std::vector<std::size_t> expected = expectedProblemLines(lines, expectedEvents);
    std::vector<std::size_t> reported;
    for (const auto& problem : trace.problems) {
        reported.push_back(problem.line);
        require(problem.file == "fuzz.jsonl", "a problem does not name the file");
        require(!problem.reason.empty(), "a problem has no reason");
        require(problem.toString().starts_with("fuzz.jsonl:" + std::to_string(problem.line) + ": "),
                "a problem does not read file:line: reason");
    }
    require(reported == expected, "readTrace and the per-line rules disagree on which lines are bad");
    require(trace.events.size() == expectedEvents, "readTrace kept a different number of events");
    // Every line is accounted for: the header, an event, or a problem.
    std::size_t headerLines = trace.header.is_null() ? 0 : 1;
    require(headerLines + trace.events.size() + (lines.empty() ? 0 : trace.problems.size()) == lines.size(),
            "a line is neither the header, an event nor a problem");
    std::int64_t lastSeq = 0;
    for (std::size_t i = 0; i < trace.events.size(); ++i) {
        const auto& event = trace.events[i];
        require(event.is_object() && event["kind"].is_string(), "a kept event has no kind");
        require(event["seq"].get<std::int64_t>() > lastSeq, "kept events do not have increasing seq");
        lastSeq = event["seq"].get<std::int64_t>();
        require(i == 0 || trace.lines[i] > trace.lines[i - 1], "event line numbers do not increase");
    }

    static MemoryFile file;
    std::string path = file.hold(input);
    lab::TraceFile fromFile = lab::readTraceFile(path);
    require(fromFile.problems.size() == trace.problems.size(), "readTraceFile and readTrace disagree");
    for (std::size_t i = 0; i < trace.problems.size(); ++i) {
        require(fromFile.problems[i].line == trace.problems[i].line && fromFile.problems[i].reason == trace.problems[i].reason,
                "readTraceFile and readTrace report different problems");
    }
    require(fromFile.events == trace.events, "readTraceFile and readTrace keep different events");
    return 0;
}
