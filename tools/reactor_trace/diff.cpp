// reactor-trace diff A B [--events-only] [--context N]: where do two traces first part ways?
//
// Both are read with the library's reader and compared by firstDifference
// (reactor/trace/trace_normalize.h), the rule the golden tests use: descriptor numbers are
// renumbered in order of first appearance, nothing else is normalized. It prints the first
// difference (its seq and the line in each file), the N events before it that both traces share
// (3 by default), and the diverging events of each side, as the files hold them.
// --events-only skips the header (the same program on two backends). Exit 0 same, 1 different,
// 2 usage, unreadable file, or a trace with bad lines (validate says which: a partial trace
// would make any "first difference" a guess).
// --twin TABLE compares a lesson's trace with its Twisted twin's instead (twin_diff.cpp).
#include <algorithm>
#include <ostream>

#include "cli.h"
#include "trace/trace_normalize.h"

namespace lab::cli {

namespace {

std::string at(const TraceFile& trace, const std::string& name, std::size_t i) {
    return name + ":" + std::to_string(trace.lines[i]);
}

// Up to `count` events of one side from index `from`, marked with `sign`.
void printSide(const TraceFile& trace, const std::string& name, std::size_t from, std::size_t count, char sign,
               std::ostream& out) {
    for (std::size_t i = from; i < std::min(trace.events.size(), from + count); ++i) {
        out << sign << " " << at(trace, name, i) << "  " << trace.events[i].dump() << "\n";
    }
}

}  // namespace

int runDiff(const Args& args, std::ostream& out, std::ostream& err) {
    std::vector<std::string> files;
    bool eventsOnly = false;
    bool verbose = false;
    std::string twinTable;
    std::size_t context = 3;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--events-only") eventsOnly = true;
        else if (args[i] == "--twin") twinTable = flagValue(args, i);
        else if (args[i] == "--verbose") verbose = true;
        else if (args[i] == "--context") context = static_cast<std::size_t>(parseCount(args[i], flagValue(args, i)));
        else if (isFlag(args[i])) throw UsageError("diff does not know '" + args[i] + "'");
        else files.push_back(args[i]);
    }
    if (files.size() != 2) throw UsageError("diff needs two files, A and B");
    if (!twinTable.empty()) return runTwinDiff(twinTable, files[0], files[1], verbose, out, err);
    if (verbose) throw UsageError("diff --verbose goes with --twin");
    TraceFile a = readTraceFile(files[0]);
    TraceFile b = readTraceFile(files[1]);
    if (!a.ok() || !b.ok()) {
        reportProblems(a.problems, err);
        reportProblems(b.problems, err);
        err << "reactor-trace: cannot compare traces with bad lines (reactor-trace validate names them)\n";
        return kExitUsage;
    }
    auto difference = firstDifference(a, b, !eventsOnly);
    if (!difference) {
        out << files[0] << " and " << files[1] << " are the same"
            << (eventsOnly ? " (events only)" : "") << ", after renumbering descriptors: " << a.events.size()
            << " events\n";
        return kExitOk;
    }
    using Where = TraceDifference::Where;
    std::size_t i = difference->index;
    if (difference->where == Where::header) {
        out << "the headers differ (--events-only compares the events alone):\n"
            << "- " << files[0] << ":1  " << a.header.dump() << "\n"
            << "+ " << files[1] << ":1  " << b.header.dump() << "\n";
        return kExitProblems;
    }
    if (difference->where == Where::event) {
        out << "first difference at seq " << a.events[i]["seq"].get<std::int64_t>() << " (event " << i + 1 << "; "
            << at(a, files[0], i) << ", " << at(b, files[1], i) << ")\n";
    } else {
        const TraceFile& longer = a.events.size() > b.events.size() ? a : b;
        const std::string& shorter = a.events.size() > b.events.size() ? files[1] : files[0];
        out << "first difference at seq " << longer.events[i]["seq"].get<std::int64_t>() << ": " << shorter
            << " ends after " << i << " events, the other goes on\n";
    }
    std::size_t first = i > context ? i - context : 0;
    printSide(a, files[0], first, i - first, ' ', out);
    printSide(a, files[0], i, 2, '-', out);
    printSide(b, files[1], i, 2, '+', out);
    return kExitProblems;
}

}  // namespace lab::cli
