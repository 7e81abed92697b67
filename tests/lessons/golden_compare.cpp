// golden-compare [--events-only] [--without FIELD] EXPECTED ACTUAL: are two traces the same, once
// descriptor numbers are renumbered in order of first appearance (the one environmental part of a
// trace; traces/SCHEMA.md)? --events-only skips the header, to show that two backends differ only
// there; --without drops one field from every event of both traces first (epoll's wait_end has
// interest_changes, which select and poll have no use for: lesson 04).
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

void dropField(lab::TraceFile& trace, const std::string& field) {
    for (auto& event : trace.events) event.erase(field);
}

}  // namespace

int main(int argc, char** argv) {
    bool eventsOnly = false;
    std::string without;
    int i = 1;
    for (; i < argc - 2; ++i) {
        std::string flag = argv[i];
        if (flag == "--events-only") {
            eventsOnly = true;
        } else if (flag == "--without" && i + 1 < argc - 2) {
            without = argv[++i];
        } else {
            break;
        }
    }
    if (argc < 3 || i != argc - 2) {
        std::cerr << "usage: golden-compare [--events-only] [--without FIELD] EXPECTED.jsonl ACTUAL.jsonl\n";
        return 2;
    }
    lab::TraceFile expected = lab::readTraceFile(argv[argc - 2]);
    lab::TraceFile actual = lab::readTraceFile(argv[argc - 1]);
    if (!readable(expected) || !readable(actual)) return 2;
    if (!without.empty()) {
        dropField(expected, without);
        dropField(actual, without);
    }
    auto difference = lab::firstDifference(expected, actual, !eventsOnly);
    if (!difference) return 0;
    using Where = lab::TraceDifference::Where;
    std::size_t at = difference->index;
    if (difference->where == Where::header) {
        std::cerr << "line 1 (header): expected " << expected.header.dump() << "\n"
                  << "                 actual   " << actual.header.dump() << "\n";
    } else if (difference->where == Where::event) {
        std::cerr << "line " << expected.lines[at] << ": expected " << expected.events[at].dump() << "\n"
                  << "line " << actual.lines[at] << ": actual   " << actual.events[at].dump() << "\n";
    } else {
        std::cerr << "expected " << expected.events.size() << " events, got " << actual.events.size() << "\n";
    }
    return 1;
}
