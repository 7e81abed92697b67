// TraceReader: parses a trace file back into its header and events, checking every line.
//
// It never stops at the first bad line: it keeps every good event and reports each bad line as
// "file:line: reason" (not JSON, truncated, missing or mistyped seq/t/iter/kind, seq or time
// going backwards, wrong schema or version), so the visualizer can open what it can and say
// what it skipped. Tested in tests/trace/trace_reader_test.cpp with traces/edge/.
#pragma once

#include <istream>
#include <string>
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

// `name` is used in problem reports.
TraceFile readTrace(std::istream& in, const std::string& name);
TraceFile readTraceFile(const std::string& path);

}  // namespace lab
