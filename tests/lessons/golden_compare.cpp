// golden-compare [--events-only] EXPECTED ACTUAL: are two traces the same, once descriptor numbers
// are renumbered in order of first appearance (the one environmental part of a trace;
// traces/SCHEMA.md)? --events-only skips the header, to show that two backends differ only there.
// Prints the first difference as "line N: expected ... / actual ..." and exits 1; 0 when equal;
// 2 when either file cannot be read cleanly. The comparison itself is the library's
// (reactor/trace/trace_normalize.h), shared with `reactor-trace diff`.
#include <iostream>
#include <string>

#include "trace/trace_normalize.h"
#include "trace/trace_reader.h"

namespace {

bool readable(const lab::TraceFile& trace) {
    for (const auto& problem : trace.problems) std::cerr << problem.toString() << "\n";
    return trace.ok();
}

}  // namespace

int main(int argc, char** argv) {
    bool eventsOnly = argc == 4 && std::string(argv[1]) == "--events-only";
    if (argc != 3 && !eventsOnly) {
        std::cerr << "usage: golden-compare [--events-only] EXPECTED.jsonl ACTUAL.jsonl\n";
        return 2;
    }
    lab::TraceFile expected = lab::readTraceFile(argv[argc - 2]);
    lab::TraceFile actual = lab::readTraceFile(argv[argc - 1]);
    if (!readable(expected) || !readable(actual)) return 2;
    auto difference = lab::firstDifference(expected, actual, !eventsOnly);
    if (!difference) return 0;
    using Where = lab::TraceDifference::Where;
    std::size_t i = difference->index;
    if (difference->where == Where::header) {
        std::cerr << "line 1 (header): expected " << expected.header.dump() << "\n"
                  << "                 actual   " << actual.header.dump() << "\n";
    } else if (difference->where == Where::event) {
        std::cerr << "line " << expected.lines[i] << ": expected " << expected.events[i].dump() << "\n"
                  << "line " << actual.lines[i] << ": actual   " << actual.events[i].dump() << "\n";
    } else {
        std::cerr << "expected " << expected.events.size() << " events, got " << actual.events.size() << "\n";
    }
    return 1;
}
