// reactor-trace stats FILE [--json]: what a trace holds, counted.
//
// Events by kind (with SCHEMA.md's label), loop iterations (distinct iter numbers after 0),
// connections and ports (distinct ids), Deferreds (deferred_created events: ids restart in each
// DeferredTracing scope, so counting ids would undercount), timers scheduled, fired and cancelled,
// threads (distinct thread ids, threaded-baseline traces), and duration (last t minus first t).
// The counts come from the visualizer's index (visualizer/model/trace_model.h), so they are the
// numbers its panels show. --json writes one object, for scripts and the tests.
#include <algorithm>
#include <ostream>

#include "cli.h"
#include "model/labels.h"
#include "model/trace_model.h"

namespace lab::cli {

namespace {

std::size_t countOf(const viz::TraceModel& model, std::string_view kind) {
    int id = model.kindId(kind);
    return id < 0 ? 0 : model.eventsOfKind(static_cast<viz::KindId>(id)).size();
}

nlohmann::ordered_json summarize(const viz::TraceModel& model) {
    nlohmann::ordered_json stats;
    stats["file"] = model.path();
    stats["program"] = model.program();
    stats["backend"] = model.backend();
    stats["clock"] = model.clock();
    stats["events"] = model.size();
    std::size_t iterations = 0;
    for (const viz::IterationSpan& span : model.iterations()) iterations += span.iter != 0 ? 1 : 0;
    stats["iterations"] = iterations;
    stats["connections"] = model.idsOf("connection").size();
    stats["ports"] = model.idsOf("port").size();
    stats["deferreds"] = countOf(model, kind::deferredCreated);
    stats["timers"] = {{"scheduled", countOf(model, kind::timerScheduled)},
                       {"fired", countOf(model, kind::timerFired)},
                       {"cancelled", countOf(model, kind::timerCancelled)}};
    stats["threads"] = model.idsOf("thread").size();
    stats["duration_ns"] = model.lastTime() - model.firstTime();
    nlohmann::ordered_json kinds = nlohmann::ordered_json::object();
    for (std::size_t k = 0; k < model.kindNames().size(); ++k) {
        kinds[model.kindNames()[k]] = model.eventsOfKind(static_cast<viz::KindId>(k)).size();
    }
    stats["kinds"] = std::move(kinds);
    stats["problems"] = model.problems().size();
    return stats;
}

void writeText(const viz::TraceModel& model, const nlohmann::ordered_json& stats, std::ostream& out) {
    out << model.path() << ": program " << model.program() << ", backend " << model.backend() << ", "
        << model.clock() << " clock\n";
    out << "  events       " << model.size() << "\n"
        << "  duration     " << viz::formatDuration(stats["duration_ns"].get<std::int64_t>()) << "\n"
        << "  iterations   " << stats["iterations"] << "\n"
        << "  connections  " << stats["connections"] << " (ports " << stats["ports"] << ")\n"
        << "  deferreds    " << stats["deferreds"] << "\n"
        << "  timers       " << stats["timers"]["scheduled"] << " scheduled, " << stats["timers"]["fired"]
        << " fired, " << stats["timers"]["cancelled"] << " cancelled\n"
        << "  threads      " << stats["threads"] << "\n";
    if (model.kindNames().empty()) return;
    out << "  events by kind:\n";
    for (const auto& [kind, count] : stats["kinds"].items()) {
        std::string padded = kind;
        padded.resize(std::max<std::size_t>(padded.size(), 22), ' ');
        std::string number = count.dump();
        number.insert(0, number.size() < 8 ? 8 - number.size() : 0, ' ');
        out << "    " << padded << number << "  " << viz::labelOf(kind) << "\n";
    }
}

}  // namespace

int runStats(const Args& args, std::ostream& out, std::ostream& err) {
    std::string path;
    bool json = false;
    for (const std::string& arg : args) {
        if (arg == "--json") json = true;
        else if (isFlag(arg)) throw UsageError("stats does not know '" + arg + "'");
        else if (path.empty()) path = arg;
        else throw UsageError("stats takes one FILE");
    }
    if (path.empty()) throw UsageError("stats needs a FILE");
    viz::TraceModel model = viz::TraceModel::load(path);
    if (unreadable(model.problems())) {
        reportProblems(model.problems(), err);
        return kExitUsage;
    }
    std::size_t problems = reportProblems(model.problems(), err);
    nlohmann::ordered_json stats = summarize(model);
    if (json) out << stats.dump(2) << "\n";
    else writeText(model, stats, out);
    return problems == 0 ? kExitOk : kExitProblems;
}

}  // namespace lab::cli
