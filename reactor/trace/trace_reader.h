// TraceReader: parses a trace file back into its header and events, checking every line.
//
// It never stops at the first bad line: it keeps every good event and reports each bad line as
// "file:line: reason" (not JSON, truncated, missing or mistyped seq/t/iter/kind, seq or time
// going backwards, wrong schema or version), so the visualizer can open what it can and say
// what it skipped. Tested in tests/trace/trace_reader_test.cpp with traces/edge/.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trace/trace_json.h"

namespace lab {

struct TraceProblem {
    std::string file;
    std::size_t line = 0;  // 1-based; 0 when the file itself could not be read
    std::string reason;
    std::string toString() const;  // "file:line: reason"
};

struct TraceFile {
    TraceJson header;               // null when line 1 was not a valid header
    std::vector<TraceJson> events;  // every valid event line, in file order
    std::vector<std::size_t> lines; // the file line of each event, parallel to events
    std::vector<TraceProblem> problems;
    bool ok() const { return problems.empty(); }
};

// The rules, one line at a time, for readers that split the work (the visualizer reads a big
// trace on several threads, then checks the order of the lines in file order). readTrace is
// built from these, so every reader reports the same reasons.
// Line 1: parses and checks the header; nullopt and `header` filled when it is fine.
std::optional<std::string> checkHeaderLine(std::string_view text, bool unterminated, TraceJson& header);
// Any later line, by the rules that need no other line: empty, not JSON (truncated when it is
// the unterminated last line), not an object, seq/t/iter/kind missing or mistyped.
// nullopt and `event` filled when it is fine.
std::optional<std::string> checkEventLine(std::string_view text, bool unterminated, TraceJson& event);

// The rules between lines: seq increases, t and iter never go back. Feed the good events in
// file order; an event with a problem does not move the order on.
class EventOrder {
public:
    std::optional<std::string> check(std::int64_t seq, std::int64_t t, std::int64_t iter);

private:
    std::int64_t lastSeq_ = 0, lastTime_ = 0, lastIter_ = 0;
};
// `name` is used in problem reports. Built on TraceStream; keeps every good event.
TraceFile readTrace(std::istream& in, const std::string& name);

// A trace read one line at a time by the same rules, keeping nothing but its header and the
// problems not yet taken: what reactor-trace's validate, stats and print use, so their memory
// does not grow with the trace (a 10-million-event trace is about 1 GB).
// Following a file that is still being written (`print --follow`): with `following` true, an
// unterminated last line is a line not yet finished, kept and completed by the next call, not
// "truncated"; after next() returns false at the end, call it again once the file has grown.
class TraceStream {
public:
    TraceStream(std::istream& in, std::string name, bool following = false);
    // Reads on to the next good event: true and `event` filled, or false at the end of the input
    // for now. Bad lines met on the way go to the problems.
    bool next(TraceJson& event);
    // The file line of the event next() last gave.
    std::size_t line() const { return eventLine_; }
    // Null until a good header line has been read.
    const TraceJson& header() const { return header_; }
    // The problems found since the last call, in file order (an empty file's is added at the end).
    std::vector<TraceProblem> takeProblems();
    // Following: the file ends, so far, in the middle of a line.
    bool unfinishedLine() const { return !pending_.empty(); }

private:
    std::istream& in_;
    std::string name_;
    bool following_;
    std::string pending_;  // the start of an unfinished last line, when following
    std::size_t lineNumber_ = 0;
    std::size_t eventLine_ = 0;
    bool emptyReported_ = false;
    TraceJson header_;
    EventOrder order_;
    std::vector<TraceProblem> problems_;
};

// Said of a file with no lines at all.
extern const char* const kEmptyTraceReason;
TraceFile readTraceFile(const std::string& path);

}  // namespace lab
