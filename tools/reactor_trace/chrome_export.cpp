// toChromeTrace; see chrome_export.h for what maps to what.
#include "chrome_export.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/labels.h"
#include "trace/trace_fields.h"

namespace lab::cli {

namespace {

constexpr int kPid = 1;
constexpr int kLoopTid = 1;

// How deep a slice sits on its thread: opening one closes every open slice at its depth or below.
enum Depth { kRun = 0, kIteration = 1, kPhase = 2, kDispatch = 3 };

// One item of the output, with what the final ordering needs.
struct Item {
    std::int64_t ts = 0;
    int rank = 0;  // at equal ts: slices (longest first) before the points bound to them, ends last
    std::int64_t dur = 0;
    TraceJson json;
};

struct OpenSlice {
    int depth;
    std::int64_t ts;
    TraceJson json;  // everything but dur
};

// The event's fields, plus its place in the trace, as args.
TraceJson argsOf(const TraceJson& event) {
    TraceJson args = TraceJson::object();
    args["seq"] = event["seq"];
    args["t_ns"] = event["t"];
    args["iter"] = event["iter"];
    for (const auto& [key, value] : event.items()) {
        if (key != "seq" && key != "t" && key != "iter" && key != "kind") args[key] = value;
    }
    return args;
}

class Exporter {
public:
    explicit Exporter(const viz::TraceModel& model) : model_(model) {}

    TraceJson run() {
        planFlows();
        std::int64_t ts = -1;
        for (std::size_t i = 0; i < model_.size(); ++i) {
            // Each event its own microsecond (chrome_export.h, "Time").
            ts = std::max(model_.head(i).t / 1000, ts + 1);
            exportEvent(i, ts);
        }
        for (auto& [tid, stack] : stacks_) close(tid, kRun, ts + 1);
        for (auto& [id, span] : spans_) endSpan(span);
        std::stable_sort(items_.begin(), items_.end(), [](const Item& a, const Item& b) {
            if (a.ts != b.ts) return a.ts < b.ts;
            if (a.rank != b.rank) return a.rank < b.rank;
            return a.dur > b.dur;
        });
        TraceJson events = metadata();
        for (Item& item : items_) events.push_back(std::move(item.json));
        TraceJson out = TraceJson::object();
        out["traceEvents"] = std::move(events);
        return out;
    }

private:
    // A Deferred's life on the async track: open from its creation to the last event naming it.
    struct Span {
        std::int64_t asyncId = 0;
        std::string name;
        int tid = kLoopTid;
        std::int64_t lastTs = 0;
        TraceJson args;
    };

    // Timers that were scheduled and later fired each get one flow, keyed by event index.
    void planFlows() {
        for (const auto& [timer, history] : model_.timers()) {
            if (history.scheduled == SIZE_MAX || history.fired == SIZE_MAX || history.scheduled > history.fired) continue;
            std::int64_t flow = ++flowIds_;
            flowStart_[history.scheduled] = flow;
            flowEnd_[history.fired] = flow;
        }
    }

    int tidOf(const TraceJson& event) {
        auto thread = event.find("thread");
        if (thread == event.end() || !thread->is_number_integer()) return kLoopTid;
        std::int64_t id = thread->get<std::int64_t>();
        auto [it, added] = threadTids_.emplace(id, static_cast<int>(threadTids_.size()) + 2);
        int tid = it->second;
        if (added) threadNames_[tid] = "thread " + std::to_string(id);
        // The first name a thread_* event gives it (other kinds may use "name" for something else).
        std::string name = textField(event, "name", "");
        if (!name.empty() && event["kind"].get_ref<const std::string&>().rfind("thread_", 0) == 0 &&
            namedTids_.insert(tid).second) {
            threadNames_[tid] = name;
        }
        return tid;
    }

    TraceJson base(const std::string& name, const std::string& cat, const char* ph, std::int64_t ts, int tid) {
        return TraceJson{{"name", name}, {"cat", cat}, {"ph", ph}, {"ts", ts}, {"pid", kPid}, {"tid", tid}};
    }

    void open(int tid, int depth, std::int64_t ts, TraceJson json) {
        close(tid, depth, ts);
        stacks_[tid].push_back(OpenSlice{depth, ts, std::move(json)});
    }

    void close(int tid, int depth, std::int64_t ts) {
        std::vector<OpenSlice>& stack = stacks_[tid];
        while (!stack.empty() && stack.back().depth >= depth) {
            OpenSlice& slice = stack.back();
            slice.json["dur"] = ts - slice.ts;
            items_.push_back(Item{slice.ts, 1, ts - slice.ts, std::move(slice.json)});
            stack.pop_back();
        }
    }

    void exportEvent(std::size_t i, std::int64_t ts) {
        const TraceJson& event = model_.json(i);
        std::string kindName(model_.kindOf(i));
        int tid = tidOf(event);
        std::string cat(viz::groupName(viz::groupOf(kindName)));
        std::string label(viz::labelOf(kindName));
        TraceJson args = argsOf(event);
        trackDeferred(event, tid, ts, i);
        auto slice = [&](const std::string& name) {
            TraceJson json = base(name, cat, "X", ts, tid);
            json["args"] = args;
            return json;
        };
        if (tid == kLoopTid) loopUsed_ = true;
        if (kindName == kind::runBegin || kindName == kind::threadStarted) {
            // A threaded-baseline thread's life is its lane's outermost slice, as run() is the loop's.
            open(tid, kRun, ts, slice(kindName == kind::runBegin ? "Run" : threadNames_[tid]));
        } else if (kindName == kind::runEnd || kindName == kind::threadExited) {
            close(tid, kRun, ts);
        } else if (kindName == kind::threadBlocked) {
            // A baseline thread blocked in accept/read/write: its "dispatch" is the wait itself.
            open(tid, kDispatch, ts, slice("blocked in " + textField(event, "call", "?") + "()"));
        } else if (kindName == kind::threadWoke) {
            close(tid, kDispatch, ts);
            addInstant(label, cat, ts, tid, std::move(args));
        } else if (kindName == kind::iterationBegin) {
            open(tid, kIteration, ts, slice("Iteration " + std::to_string(model_.head(i).iter)));
        } else if (kindName == kind::iterationEnd) {
            close(tid, kIteration, ts);
        } else if (kind::isPhase(kindName)) {
            open(tid, kPhase, ts, slice(label));
        } else if (kindName == kind::timerFired) {
            open(tid, kDispatch, ts, slice("timer " + std::to_string(intField(event, "timer", 0))));
            if (auto flow = flowEnd_.find(i); flow != flowEnd_.end()) addFlow("f", flow->second, event, ts, tid);
        } else if (kindName == kind::handlerCalled) {
            std::string what = textField(event, "event", "?");
            if (!what.empty()) what[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(what[0])));
            open(tid, kDispatch, ts,
                 slice(textField(event, "handler", "?") + ".do" + what + "() fd " + std::to_string(intField(event, "fd", -1))));
        } else if (kindName == kind::timerScheduled) {
            // A slice one microsecond long, so the flow arrow has somewhere to start.
            TraceJson point = slice(label + ": timer " + std::to_string(intField(event, "timer", 0)));
            point["dur"] = 1;
            items_.push_back(Item{ts, 1, 1, std::move(point)});
            if (auto flow = flowStart_.find(i); flow != flowStart_.end()) addFlow("s", flow->second, event, ts, tid);
        } else {
            if (kindName == kind::waitEnd) close(tid, kPhase, ts);
            addInstant(label, cat, ts, tid, std::move(args));
        }
    }

    void addInstant(const std::string& name, const std::string& cat, std::int64_t ts, int tid, TraceJson args) {
        TraceJson instant = base(name, cat, "i", ts, tid);
        instant["s"] = "t";
        instant["args"] = std::move(args);
        items_.push_back(Item{ts, 3, 0, std::move(instant)});
    }

    // Flow ids, names and categories must match at both ends (the v1 flow key is all three).
    void addFlow(const char* ph, std::int64_t flow, const TraceJson& event, std::int64_t ts, int tid) {
        TraceJson json = base("timer " + std::to_string(intField(event, "timer", 0)), "timer", ph, ts, tid);
        json["id"] = flow;
        if (ph[0] == 'f') json["bp"] = "e";
        items_.push_back(Item{ts, 3, 0, std::move(json)});
    }

    void trackDeferred(const TraceJson& event, int tid, std::int64_t ts, std::size_t i) {
        std::int64_t id = intField(event, "deferred", -1);
        if (id < 0) return;
        auto found = spans_.find(id);
        bool created = model_.kindOf(i) == kind::deferredCreated;
        if (found != spans_.end() && created) {
            // Ids restart in each DeferredTracing scope: a new Deferred with an old id.
            endSpan(found->second);
            spans_.erase(found);
            found = spans_.end();
        }
        if (found == spans_.end()) {
            Span span{++asyncIds_, "Deferred " + std::to_string(id), tid, ts, argsOf(event)};
            std::string label = textField(event, "label", "");
            if (!label.empty()) span.name += " (" + label + ")";
            TraceJson begin = base(span.name, "deferred", "b", ts, tid);
            begin["id"] = span.asyncId;
            begin["args"] = span.args;
            items_.push_back(Item{ts, 2, 0, std::move(begin)});
            found = spans_.emplace(id, std::move(span)).first;
        }
        found->second.lastTs = ts;
    }

    void endSpan(const Span& span) {
        TraceJson end = base(span.name, "deferred", "e", span.lastTs, span.tid);
        end["id"] = span.asyncId;
        items_.push_back(Item{span.lastTs, 4, 0, std::move(end)});
    }

    TraceJson metadata() const {
        TraceJson events = TraceJson::array();
        auto meta = [&](const char* name, int tid, const std::string& value) {
            events.push_back(TraceJson{{"name", name}, {"ph", "M"}, {"ts", 0}, {"pid", kPid}, {"tid", tid},
                                       {"args", {{"name", value}}}});
        };
        meta("process_name", kLoopTid,
             model_.program() + " (" + model_.backend() + " backend, " + model_.clock() + " clock)");
        if (loopUsed_) meta("thread_name", kLoopTid, "reactor loop");
        for (const auto& [tid, name] : threadNames_) meta("thread_name", tid, name);
        return events;
    }

    const viz::TraceModel& model_;
    std::vector<Item> items_;
    std::map<int, std::vector<OpenSlice>> stacks_;
    std::map<std::int64_t, int> threadTids_;
    std::map<int, std::string> threadNames_;
    std::set<int> namedTids_;
    std::map<std::size_t, std::int64_t> flowStart_, flowEnd_;
    std::int64_t flowIds_ = 0;
    std::map<std::int64_t, Span> spans_;
    std::int64_t asyncIds_ = 0;
    bool loopUsed_ = false;
};

}  // namespace

TraceJson toChromeTrace(const viz::TraceModel& model) { return Exporter(model).run(); }

}  // namespace lab::cli
