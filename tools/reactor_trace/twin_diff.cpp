// reactor-trace diff --twin TABLE OURS TWISTED [--verbose]: does a lesson's Twisted twin do what
// the C++ lesson does, except where the lesson's table says why not?
//
// Both traces are normalized (twin_normalize.h) and aligned (twin_alignment.h). Every hunk left
// must be explained by the table's listed differences: split into consecutive pieces, each one
// difference's "ours" patterns against our events and its "twisted" patterns against Twisted's
// (a pattern matches an event when every key it gives has that value). Each difference must be
// used exactly "occurs" times in all. An unexplained hunk is printed with its events and a table
// entry to start from; a listed difference that no longer occurs so often is named. --verbose
// prints every hunk and what explains it. Exit 0 when all is explained, 1 when not, 2 for a usage
// error, an unreadable trace or a bad table.
#include <functional>
#include <map>
#include <ostream>

#include "cli.h"
#include "twin_alignment.h"
#include "twin_normalize.h"
#include "twin_table.h"

namespace lab::cli {

namespace {

bool matches(const TraceJson& pattern, const TraceJson& event) {
    for (const auto& [key, value] : pattern.items()) {
        if (!event.contains(key) || event[key] != value) return false;
    }
    return true;
}

bool matchesAll(const std::vector<TraceJson>& patterns, const std::vector<TwinEvent>& events, std::size_t from) {
    for (std::size_t k = 0; k < patterns.size(); ++k) {
        if (!matches(patterns[k], events[from + k].event)) return false;
    }
    return true;
}

// The differences (by index) that cover the hunk, in order; empty when none do.
std::vector<std::size_t> explain(const TwinHunk& hunk, const std::vector<TwinEvent>& ours,
                                 const std::vector<TwinEvent>& twisted, const TwinTable& table) {
    std::vector<std::size_t> used;
    std::function<bool(std::size_t, std::size_t)> cover = [&](std::size_t i, std::size_t j) {
        if (i == hunk.oursEnd && j == hunk.twistedEnd) return true;
        for (std::size_t d = 0; d < table.differences.size(); ++d) {
            const TwinDifference& difference = table.differences[d];
            if (i + difference.ours.size() > hunk.oursEnd || j + difference.twisted.size() > hunk.twistedEnd) continue;
            if (!matchesAll(difference.ours, ours, i) || !matchesAll(difference.twisted, twisted, j)) continue;
            used.push_back(d);
            if (cover(i + difference.ours.size(), j + difference.twisted.size())) return true;
            used.pop_back();
        }
        return false;
    };
    if (!cover(hunk.oursBegin, hunk.twistedBegin)) used.clear();
    return used;
}

void printEvents(const std::vector<TwinEvent>& events, std::size_t begin, std::size_t end, const std::string& file,
                 char sign, std::ostream& out) {
    for (std::size_t k = begin; k < end; ++k) out << "  " << sign << " " << file << ":" << events[k].line << "  " << events[k].text << "\n";
}

std::string where(const TwinHunk& hunk, const std::vector<TwinEvent>& ours, const std::vector<TwinEvent>& twisted) {
    auto lines = [](const std::vector<TwinEvent>& events, std::size_t begin, std::size_t end) {
        if (begin == end) return std::string("none");
        std::string from = std::to_string(events[begin].line), to = std::to_string(events[end - 1].line);
        return from == to ? "line " + from : "lines " + from + "-" + to;
    };
    return "ours " + lines(ours, hunk.oursBegin, hunk.oursEnd) + ", Twisted " +
           lines(twisted, hunk.twistedBegin, hunk.twistedEnd);
}

// A table entry for an unexplained hunk, to be given an id and a reason.
void printSuggestion(const TwinHunk& hunk, const std::vector<TwinEvent>& ours, const std::vector<TwinEvent>& twisted,
                     std::ostream& out) {
    TraceJson entry = TraceJson::object();
    entry["id"] = "?";
    entry["reason"] = "?";
    entry["ours"] = TraceJson::array();
    for (std::size_t k = hunk.oursBegin; k < hunk.oursEnd; ++k) entry["ours"].push_back(ours[k].event);
    entry["twisted"] = TraceJson::array();
    for (std::size_t k = hunk.twistedBegin; k < hunk.twistedEnd; ++k) entry["twisted"].push_back(twisted[k].event);
    out << "  a table entry to start from (give it an id and the reason):\n  " << entry.dump() << "\n";
}

}  // namespace

int runTwinDiff(const std::string& tablePath, const std::string& oursPath, const std::string& twistedPath, bool verbose,
                std::ostream& out, std::ostream& err) {
    TwinTable table;
    try {
        table = readTwinTable(tablePath);
    } catch (const std::exception& e) {
        err << "reactor-trace: " << e.what() << "\n";
        return kExitUsage;
    }
    TraceFile a = readTraceFile(oursPath);
    TraceFile b = readTraceFile(twistedPath);
    if (!a.ok() || !b.ok()) {
        reportProblems(a.problems, err);
        reportProblems(b.problems, err);
        err << "reactor-trace: cannot compare traces with bad lines (reactor-trace validate names them)\n";
        return kExitUsage;
    }
    std::vector<TwinEvent> ours = normalizeTwin(a, table, TwinSide::ours);
    std::vector<TwinEvent> twisted = normalizeTwin(b, table, TwinSide::twisted);
    std::vector<std::string> oursText, twistedText;
    for (const TwinEvent& e : ours) oursText.push_back(e.text);
    for (const TwinEvent& e : twisted) twistedText.push_back(e.text);
    TwinAlignment alignment;
    try {
        alignment = alignTwins(oursText, twistedText);
    } catch (const std::length_error& e) {
        err << "reactor-trace: " << e.what() << "\n";
        return kExitUsage;
    }

    out << "twin comparison of " << oursPath << " (ours, " << ours.size() << " events) and " << twistedPath
        << " (Twisted, " << twisted.size() << " events), normalized as traces/SCHEMA.md says:\n"
        << alignment.common << " events in common, " << alignment.hunks.size() << " differences\n";
    std::vector<std::size_t> uses(table.differences.size(), 0);
    std::size_t unexplained = 0;
    for (std::size_t h = 0; h < alignment.hunks.size(); ++h) {
        const TwinHunk& hunk = alignment.hunks[h];
        std::vector<std::size_t> used = explain(hunk, ours, twisted, table);
        for (std::size_t d : used) ++uses[d];
        if (!used.empty() && !verbose) continue;
        if (used.empty()) {
            ++unexplained;
            out << "\nunlisted difference " << h + 1 << " (" << where(hunk, ours, twisted) << "):\n";
        } else {
            out << "\ndifference " << h + 1 << " (" << where(hunk, ours, twisted) << "): ";
            for (std::size_t k = 0; k < used.size(); ++k) out << (k ? ", " : "") << table.differences[used[k]].id;
            out << "\n";
        }
        printEvents(ours, hunk.oursBegin, hunk.oursEnd, oursPath, '-', out);
        printEvents(twisted, hunk.twistedBegin, hunk.twistedEnd, twistedPath, '+', out);
        if (used.empty()) printSuggestion(hunk, ours, twisted, out);
    }
    std::size_t miscounted = 0;
    for (std::size_t d = 0; d < table.differences.size(); ++d) {
        const TwinDifference& difference = table.differences[d];
        if (uses[d] == difference.occurs) continue;
        ++miscounted;
        out << "\nlisted difference \"" << difference.id << "\" occurs " << uses[d] << " time" << (uses[d] == 1 ? "" : "s")
            << "; " << tablePath << " says " << difference.occurs << "\n";
    }
    if (unexplained == 0 && miscounted == 0) {
        out << "every difference is listed in " << tablePath << " (" << table.differences.size() << " entries)\n";
        return kExitOk;
    }
    out << "\n" << unexplained << " unlisted difference" << (unexplained == 1 ? "" : "s") << ", " << miscounted
        << " listed difference" << (miscounted == 1 ? "" : "s") << " occurring another number of times than "
        << tablePath << " says\n";
    return kExitProblems;
}

}  // namespace lab::cli
