// reactor-trace print FILE [filters]: the trace as a step-by-step replay in a terminal.
//
// One entry per event: seq, time and iteration, the loop phase it happened in, its label, its
// fields, and on the next line the one-line explanation the visualizer shows. The phase comes from
// folding every event into the visualizer's LoopState (visualizer/model/loop_state.h), filtered
// out or not, so a filtered replay still says where the loop was. A rule line marks each new
// iteration. Filters combine (an event is shown when it passes all of them): --kind K,...,
// --from SEQ, --to SEQ, --iter N, --connection N, --deferred N. Colour only at a terminal
// (main.cpp decides); piped output is plain text. The file is read as a stream (TraceStream), so
// a trace of any size prints in constant memory.
// --follow: a trace still being written (a server run with REACTOR_LAB_TRACE_LIVE=1) is printed
// as it grows, a half-written last line waited for, until the program's run has ended (run_end,
// and one more look for what its shutdown writes) or waitForMore says stop (main.cpp: Ctrl-C). The live text view of `./scripts/run 03 --live`.
#include <ostream>
#include <optional>
#include <set>
#include <sstream>

#include "cli.h"
#include "model/labels.h"
#include "model/loop_state.h"
#include "trace/trace_event.h"
#include "trace/trace_reader.h"

namespace lab::cli {

namespace {

struct Filters {
    std::set<std::string> kinds;
    std::optional<std::int64_t> from, to, iter, connection, deferred;

    bool pass(const TraceJson& event) const {
        if (!kinds.empty() && !kinds.count(event["kind"].get_ref<const std::string&>())) return false;
        std::int64_t seq = event["seq"].get<std::int64_t>();
        if (from && seq < *from) return false;
        if (to && seq > *to) return false;
        if (iter && event["iter"].get<std::int64_t>() != *iter) return false;
        return names(event, "connection", connection) && names(event, "deferred", deferred);
    }

    static bool names(const TraceJson& event, const char* field, const std::optional<std::int64_t>& id) {
        if (!id) return true;
        auto value = event.find(field);
        return value != event.end() && value->is_number_integer() && value->get<std::int64_t>() == *id;
    }
};

Filters parseFilters(const Args& args, std::string& path, bool& follow) {
    Filters filters;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--kind") {
            std::stringstream list(flagValue(args, i));
            for (std::string kind; std::getline(list, kind, ',');) {
                if (!kind.empty()) filters.kinds.insert(kind);
            }
            if (filters.kinds.empty()) throw UsageError("--kind needs at least one kind");
        } else if (arg == "--from") {
            filters.from = parseCount(arg, flagValue(args, i));
        } else if (arg == "--to") {
            filters.to = parseCount(arg, flagValue(args, i));
        } else if (arg == "--iter") {
            filters.iter = parseCount(arg, flagValue(args, i));
        } else if (arg == "--connection") {
            filters.connection = parseCount(arg, flagValue(args, i));
        } else if (arg == "--deferred") {
            filters.deferred = parseCount(arg, flagValue(args, i));
        } else if (arg == "--follow") {
            follow = true;
        } else if (isFlag(arg)) {
            throw UsageError("print does not know '" + arg + "'");
        } else if (path.empty()) {
            path = arg;
        } else {
            throw UsageError("print takes one FILE");
        }
    }
    if (path.empty()) throw UsageError("print needs a FILE");
    return filters;
}

// ANSI styles when colour is on, nothing otherwise.
struct Style {
    bool on;
    const char* bold() const { return on ? "\033[1m" : ""; }
    const char* dim() const { return on ? "\033[2m" : ""; }
    const char* phase() const { return on ? "\033[36m" : ""; }
    const char* reset() const { return on ? "\033[0m" : ""; }
};

void printEvent(const TraceJson& event, const viz::LoopState& state, const Style& style, std::ostream& out) {
    std::string kind = event["kind"].get<std::string>();
    out << "#" << event["seq"].get<std::int64_t>() << "  t " << viz::formatField("t", event["t"]) << "  "
        << style.phase() << "[" << viz::phaseLabel(state.phase) << "]" << style.reset() << "  " << style.bold()
        << viz::labelOf(kind) << style.reset();
    for (const auto& [key, value] : event.items()) {
        if (key == "seq" || key == "t" || key == "iter" || key == "kind") continue;
        out << "  " << key << "=" << viz::formatField(key, value);
    }
    out << "\n    " << style.dim() << viz::explain(event) << style.reset() << "\n";
}

// True when the trace has an event of this kind: read through once, only for a --kind that
// traces/SCHEMA.md does not name (a kind from a newer writer is shown generically).
bool traceHasKind(const std::string& path, const std::string& kind) {
    std::ifstream in(path, std::ios::binary);
    TraceStream stream(in, path);
    TraceJson event;
    while (stream.next(event)) {
        if (event["kind"].get_ref<const std::string&>() == kind) return true;
    }
    return false;
}

}  // namespace

int runPrint(const Args& args, std::ostream& out, std::ostream& err, bool colour, const WaitForMore& waitForMore) {
    std::string path;
    bool follow = false;
    Filters filters = parseFilters(args, path, follow);
    std::ifstream in;
    if (!openTrace(path, in, err)) return kExitUsage;
    for (const std::string& kind : filters.kinds) {
        if (!viz::findKind(kind) && (follow || !traceHasKind(path, kind))) throw UsageError("--kind: no kind '" + kind + "'");
    }
    TraceStream stream(in, path, follow);
    Style style{colour};
    viz::LoopState state;
    std::optional<std::int64_t> shownIter;
    std::size_t shown = 0, events = 0, problems = 0;
    bool sawEnd = false, lastLook = false;
    TraceJson event;
    for (;;) {
        while (stream.next(event)) {
            problems += reportProblems(stream.takeProblems(), err);
            state.apply(event, events++);
            sawEnd = sawEnd || event["kind"].get_ref<const std::string&>() == kind::runEnd;
            if (!filters.pass(event)) continue;
            std::int64_t iter = event["iter"].get<std::int64_t>();
            if (shownIter != iter) {
                out << style.bold() << "── " << (iter == 0 ? std::string("before the loop") : "iteration " + std::to_string(iter))
                    << " ──" << style.reset() << "\n";
                shownIter = iter;
            }
            printEvent(event, state, style, out);
            ++shown;
        }
        problems += reportProblems(stream.takeProblems(), err);
        if (!follow || lastLook) break;
        out.flush();
        if (!waitForMore()) break;
        // After run_end a program still writes what its shutdown does (ports and connections
        // closed) and closes the file: one more look takes that in, then the follow ends.
        lastLook = sawEnd;
    }
    if (stream.unfinishedLine()) err << path << ": the last line is not finished (still being written), not shown\n";
    out << shown << " of " << events << " events shown\n";
    return problems == 0 ? kExitOk : kExitProblems;
}

}  // namespace lab::cli
