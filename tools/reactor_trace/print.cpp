// reactor-trace print FILE [filters]: the trace as a step-by-step replay in a terminal.
//
// One entry per event: seq, time and iteration, the loop phase it happened in, its label, its
// fields, and on the next line the one-line explanation the visualizer shows. The phase comes from
// folding every event into the visualizer's LoopState (visualizer/model/loop_state.h), filtered
// out or not, so a filtered replay still says where the loop was. A rule line marks each new
// iteration. Filters combine (an event is shown when it passes all of them): --kind K,...,
// --from SEQ, --to SEQ, --iter N, --connection N, --deferred N. Colour only at a terminal
// (main.cpp decides); piped output is plain text.
#include <ostream>
#include <optional>
#include <set>
#include <sstream>

#include "cli.h"
#include "model/labels.h"
#include "model/loop_state.h"
#include "model/trace_model.h"

namespace lab::cli {

namespace {

struct Filters {
    std::set<std::string> kinds;
    std::optional<std::int64_t> from, to, iter, connection, deferred;

    bool pass(const viz::TraceModel& model, std::size_t i) const {
        const viz::EventHead& head = model.head(i);
        if (!kinds.empty() && !kinds.count(std::string(model.kindOf(i)))) return false;
        if (from && head.seq < *from) return false;
        if (to && head.seq > *to) return false;
        if (iter && head.iter != *iter) return false;
        return names(model.json(i), "connection", connection) && names(model.json(i), "deferred", deferred);
    }

    static bool names(const TraceJson& event, const char* field, const std::optional<std::int64_t>& id) {
        if (!id) return true;
        auto value = event.find(field);
        return value != event.end() && value->is_number_integer() && value->get<std::int64_t>() == *id;
    }
};

Filters parseFilters(const Args& args, std::string& path) {
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

}  // namespace

int runPrint(const Args& args, std::ostream& out, std::ostream& err, bool colour) {
    std::string path;
    Filters filters = parseFilters(args, path);
    viz::TraceModel model = viz::TraceModel::load(path);
    if (unreadable(model.problems())) {
        reportProblems(model.problems(), err);
        return kExitUsage;
    }
    for (const std::string& kind : filters.kinds) {
        if (!viz::findKind(kind) && model.kindId(kind) < 0) throw UsageError("--kind: no kind '" + kind + "'");
    }
    std::size_t problems = reportProblems(model.problems(), err);
    Style style{colour};
    viz::LoopState state;
    std::optional<std::int64_t> shownIter;
    std::size_t shown = 0;
    for (std::size_t i = 0; i < model.size(); ++i) {
        state.apply(model.json(i), i);
        if (!filters.pass(model, i)) continue;
        std::int64_t iter = model.head(i).iter;
        if (shownIter != iter) {
            out << style.bold() << "── " << (iter == 0 ? std::string("before the loop") : "iteration " + std::to_string(iter))
                << " ──" << style.reset() << "\n";
            shownIter = iter;
        }
        printEvent(model.json(i), state, style, out);
        ++shown;
    }
    out << shown << " of " << model.size() << " events shown\n";
    return problems == 0 ? kExitOk : kExitProblems;
}

}  // namespace lab::cli
