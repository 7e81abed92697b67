// reactor-trace validate FILE...: is each file a trace by traces/SCHEMA.md's rules?
//
// The line rules and the order rules are the reader's (reactor/trace/trace_reader.h): header,
// JSON, seq/t/iter/kind present and typed, seq increasing, t and iter never going back. On top
// of them, the rules only a whole-file check can state: seq starts at 1 and goes up by exactly 1
// (a gap means lost events), and the logical ids events name (timer, connection, ...) are whole
// numbers. Each problem is one line "file:line: reason" on stdout, in file order, written as it
// is found (the file is read as a stream, so a trace of any size validates in constant memory);
// a kind no reader knows is a note, not a problem (new kinds are shown generically). A truncated
// last line is a problem here, though the visualizer opens such a file: a validator says what is
// wrong with the file.
#include <ostream>
#include <set>

#include "cli.h"
#include "model/labels.h"
#include "model/trace_model.h"
#include "trace/trace_reader.h"

namespace lab::cli {

namespace {

// The whole-file rules, checked one event at a time.
class FileRules {
public:
    explicit FileRules(std::string path) : path_(std::move(path)) {}

    // `afterBadLine`: a bad line came between this event and the one before it; the gap it
    // leaves in seq is that line's event, already reported, not a second problem.
    std::vector<TraceProblem> check(const TraceJson& event, std::size_t line, bool afterBadLine) {
        std::vector<TraceProblem> problems;
        std::int64_t seq = event["seq"].get<std::int64_t>();
        if (seq > expected_ && !afterBadLine) {
            problems.push_back({path_, line,
                                "seq " + std::to_string(seq) + " where seq " + std::to_string(expected_) +
                                    " was due: " + std::to_string(seq - expected_) + " event(s) missing"});
        }
        expected_ = seq + 1;
        for (std::string_view field : viz::TraceModel::kIdFields) {
            auto value = event.find(field);
            if (value == event.end() || value->is_number_integer()) continue;
            problems.push_back({path_, line, "\"" + std::string(field) + "\" must be a whole number, got " + value->dump()});
        }
        return problems;
    }

private:
    std::string path_;
    std::int64_t expected_ = 1;
};

// Validates one file: false when it could not be read at all.
bool validateFile(const std::string& path, std::ostream& out, std::ostream& err, bool& anyProblem) {
    std::ifstream in;
    if (!openTrace(path, in, err)) return false;
    TraceStream stream(in, path);
    FileRules rules(path);
    std::size_t events = 0, problems = 0;
    std::set<std::string> unknown;
    TraceJson event;
    while (stream.next(event)) {
        ++events;
        bool afterBadLine = false;
        for (const TraceProblem& problem : stream.takeProblems()) {
            afterBadLine |= problem.line > 1;  // a bad header leaves no gap in seq
            out << problem.toString() << "\n";
            ++problems;
        }
        problems += reportProblems(rules.check(event, stream.line(), afterBadLine), out);
        const std::string& kind = event["kind"].get_ref<const std::string&>();
        if (!viz::findKind(kind)) unknown.insert(kind);
    }
    problems += reportProblems(stream.takeProblems(), out);
    for (const std::string& kind : unknown) out << path << ": note: kind \"" << kind << "\" is not in traces/SCHEMA.md\n";
    if (problems == 0) {
        out << path << ": OK, " << events << " events\n";
    } else {
        out << path << ": " << problems << " problem(s)\n";
        anyProblem = true;
    }
    return true;
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
        if (!validateFile(path, out, err, anyProblem)) anyUnreadable = true;
    }
    if (anyUnreadable) return kExitUsage;
    return anyProblem ? kExitProblems : kExitOk;
}

}  // namespace lab::cli
