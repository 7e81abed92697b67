// reactor-trace stats FILE [--json]: what a trace holds, counted.
//
// Events by kind (with SCHEMA.md's label, in the order kinds first appear), loop iterations
// (distinct iter numbers after 0), connections and ports (distinct ids), Deferreds
// (deferred_created events: ids restart in each DeferredTracing scope, so counting ids would
// undercount), timers scheduled, fired and cancelled, threads (distinct thread ids,
// threaded-baseline traces), and duration (last t minus first t). The counts are made as the file
// streams by (TraceStream), so memory grows with the number of distinct ids, not of events; they
// are the numbers the visualizer's index (visualizer/model/trace_model.h) gives its panels, and a
// test holds the two to each other. --json writes one object, for scripts and the tests.
#include <algorithm>
#include <map>
#include <ostream>
#include <set>

#include "cli.h"
#include "model/labels.h"
#include "trace/trace_event.h"
#include "trace/trace_reader.h"

namespace lab::cli {

namespace {

// The counts, folded one event at a time.
struct Counts {
    std::vector<std::pair<std::string, std::size_t>> kinds;  // in order of first appearance
    std::map<std::string, std::size_t, std::less<>> kindIndex;
    std::set<std::int64_t> connections, ports, threads;
    std::size_t events = 0, iterations = 0;
    std::int64_t lastIter = 0, firstTime = 0, lastTime = 0;

    void add(const TraceJson& event) {
        const std::string& kind = event["kind"].get_ref<const std::string&>();
        auto found = kindIndex.find(kind);
        if (found == kindIndex.end()) {
            found = kindIndex.emplace(kind, kinds.size()).first;
            kinds.emplace_back(kind, 0);
        }
        ++kinds[found->second].second;
        std::int64_t iter = event["iter"].get<std::int64_t>();
        std::int64_t t = event["t"].get<std::int64_t>();
        // The index's iteration spans: a run of events with one iter number, counted unless 0.
        if ((events == 0 || iter != lastIter) && iter != 0) ++iterations;
        if (events == 0) firstTime = t;
        lastIter = iter;
        lastTime = t;
        ++events;
        addId(event, "connection", connections);
        addId(event, "port", ports);
        addId(event, "thread", threads);
    }

    std::size_t of(std::string_view kind) const {
        auto found = kindIndex.find(kind);
        return found == kindIndex.end() ? 0 : kinds[found->second].second;
    }

    static void addId(const TraceJson& event, const char* field, std::set<std::int64_t>& ids) {
        auto value = event.find(field);
        if (value != event.end() && value->is_number_integer()) ids.insert(value->get<std::int64_t>());
    }
};

std::string headerText(const TraceJson& header, const char* key) {
    if (!header.is_object()) return "?";
    return header.value(key, std::string("?"));
}

nlohmann::ordered_json summarize(const std::string& path, const TraceJson& header, const Counts& counts,
                                 std::size_t problems) {
    nlohmann::ordered_json stats;
    stats["file"] = path;
    stats["program"] = headerText(header, "program");
    stats["backend"] = headerText(header, "backend");
    stats["clock"] = headerText(header, "clock");
    stats["events"] = counts.events;
    stats["iterations"] = counts.iterations;
    stats["connections"] = counts.connections.size();
    stats["ports"] = counts.ports.size();
    stats["deferreds"] = counts.of(kind::deferredCreated);
    stats["timers"] = {{"scheduled", counts.of(kind::timerScheduled)},
                       {"fired", counts.of(kind::timerFired)},
                       {"cancelled", counts.of(kind::timerCancelled)}};
    stats["threads"] = counts.threads.size();
    stats["duration_ns"] = counts.lastTime - counts.firstTime;
    nlohmann::ordered_json kinds = nlohmann::ordered_json::object();
    for (const auto& [kind, count] : counts.kinds) kinds[kind] = count;
    stats["kinds"] = std::move(kinds);
    stats["problems"] = problems;
    return stats;
}

void writeText(const nlohmann::ordered_json& stats, std::ostream& out) {
    out << stats["file"].get<std::string>() << ": program " << stats["program"].get<std::string>() << ", backend "
        << stats["backend"].get<std::string>() << ", " << stats["clock"].get<std::string>() << " clock\n";
    out << "  events       " << stats["events"] << "\n"
        << "  duration     " << viz::formatDuration(stats["duration_ns"].get<std::int64_t>()) << "\n"
        << "  iterations   " << stats["iterations"] << "\n"
        << "  connections  " << stats["connections"] << " (ports " << stats["ports"] << ")\n"
        << "  deferreds    " << stats["deferreds"] << "\n"
        << "  timers       " << stats["timers"]["scheduled"] << " scheduled, " << stats["timers"]["fired"]
        << " fired, " << stats["timers"]["cancelled"] << " cancelled\n"
        << "  threads      " << stats["threads"] << "\n";
    if (stats["kinds"].empty()) return;
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
    std::ifstream in;
    if (!openTrace(path, in, err)) return kExitUsage;
    TraceStream stream(in, path);
    Counts counts;
    std::size_t problems = 0;
    TraceJson event;
    while (stream.next(event)) {
        problems += reportProblems(stream.takeProblems(), err);
        counts.add(event);
    }
    problems += reportProblems(stream.takeProblems(), err);
    nlohmann::ordered_json stats = summarize(path, stream.header(), counts, problems);
    if (json) out << stats.dump(2) << "\n";
    else writeText(stats, out);
    return problems == 0 ? kExitOk : kExitProblems;
}

}  // namespace lab::cli
