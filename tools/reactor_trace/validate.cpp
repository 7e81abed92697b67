// reactor-trace validate FILE...: is each file a trace by traces/SCHEMA.md's rules?
//
// The line rules and the order rules are the reader's (reactor/trace/trace_reader.h): header,
// JSON, seq/t/iter/kind present and typed, seq increasing, t and iter never going back. On top
// of them, the rules only a whole-file check can state: seq starts at 1 and goes up by exactly 1
// (a gap means lost events), and the logical ids events name (timer, connection, ...) are whole
// numbers. Each problem is one line "file:line: reason" on stdout; a kind no reader knows is a
// note, not a problem (new kinds are shown generically). A truncated last line is a problem here,
// though the visualizer opens such a file: a validator says what is wrong with the file.
#include <algorithm>
#include <ostream>
#include <set>

#include "cli.h"
#include "model/labels.h"
#include "model/trace_model.h"
#include "trace/trace_reader.h"

namespace lab::cli {

namespace {

// The whole-file rules, for the events the reader kept.
std::vector<TraceProblem> fileProblems(const TraceFile& trace, const std::string& path) {
    std::vector<TraceProblem> problems;
    std::set<std::size_t> badLines;
    for (const TraceProblem& problem : trace.problems) badLines.insert(problem.line);
    std::int64_t expected = 1;
    std::size_t previousLine = 1;
    for (std::size_t i = 0; i < trace.events.size(); ++i) {
        const TraceJson& event = trace.events[i];
        std::int64_t seq = event["seq"].get<std::int64_t>();
        // A gap right after a bad line is that line's event, already reported: not a second problem.
        bool afterBadLine = badLines.lower_bound(previousLine + 1) != badLines.lower_bound(trace.lines[i]);
        previousLine = trace.lines[i];
        if (seq > expected && !afterBadLine) {
            problems.push_back({path, trace.lines[i],
                                "seq " + std::to_string(seq) + " where seq " + std::to_string(expected) +
                                    " was due: " + std::to_string(seq - expected) + " event(s) missing"});
        }
        expected = seq + 1;
        for (std::string_view field : viz::TraceModel::kIdFields) {
            auto value = event.find(field);
            if (value == event.end() || value->is_number_integer()) continue;
            problems.push_back({path, trace.lines[i],
                                "\"" + std::string(field) + "\" must be a whole number, got " + value->dump()});
        }
    }
    return problems;
}

}  // namespace

int runValidate(const Args& args, std::ostream& out, std::ostream& err) {
    std::vector<std::string> files;
    for (const std::string& arg : args) {
        if (isFlag(arg)) throw UsageError("validate takes no flag '" + arg + "'");
        files.push_back(arg);
    }
    if (files.empty()) throw UsageError("validate needs at least one FILE");
    bool anyProblem = false;
    bool anyUnreadable = false;
    for (const std::string& path : files) {
        TraceFile trace = readTraceFile(path);
        if (unreadable(trace.problems)) {
            reportProblems(trace.problems, err);
            anyUnreadable = true;
            continue;
        }
        std::vector<TraceProblem> problems = trace.problems;
        for (TraceProblem& problem : fileProblems(trace, path)) problems.push_back(std::move(problem));
        std::stable_sort(problems.begin(), problems.end(),
                         [](const TraceProblem& a, const TraceProblem& b) { return a.line < b.line; });
        reportProblems(problems, out);
        std::set<std::string> unknown;
        for (const TraceJson& event : trace.events) {
            const std::string& kind = event["kind"].get_ref<const std::string&>();
            if (!viz::findKind(kind)) unknown.insert(kind);
        }
        for (const std::string& kind : unknown) out << path << ": note: kind \"" << kind << "\" is not in traces/SCHEMA.md\n";
        if (problems.empty()) {
            out << path << ": OK, " << trace.events.size() << " events\n";
        } else {
            out << path << ": " << problems.size() << " problem(s)\n";
            anyProblem = true;
        }
    }
    if (anyUnreadable) return kExitUsage;
    return anyProblem ? kExitProblems : kExitOk;
}

}  // namespace lab::cli
