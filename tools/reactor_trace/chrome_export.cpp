// writeChromeTrace; see chrome_export.h for what maps to what and in which order it is written.
#include "chrome_export.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <map>
#include <optional>
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

struct OpenSlice {
    int depth;
    std::int64_t ts;
    TraceJson json;                  // everything but dur
    std::optional<TraceJson> flowEnd;  // the "f" bound to this slice, written just after it
};

// A Deferred's life on the async track: open from its first event to its last (plan.spanEnds).
struct Span {
    std::int64_t asyncId = 0;
    std::string name;
    int tid = kLoopTid;
    std::size_t lastEvent = 0;
};

// A timer scheduled and not yet fired or cancelled: where its flow would start.
struct PendingTimer {
    std::int64_t ts = 0;
    int tid = kLoopTid;
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

class Writer {
public:
    Writer(const ChromePlan& plan, std::ostream& out) : plan_(plan), out_(out) {}

    void event(const TraceJson& event) {
        // Each event its own microsecond (chrome_export.h, "Time").
        ts_ = std::max(event["t"].get<std::int64_t>() / 1000, ts_ + 1);
        exportEvent(event);
        ++index_;
        if (!out_) throw writeFailed();
    }

    void finish(const TraceJson& header) {
        for (auto& [tid, stack] : stacks_) close(tid, kRun, ts_ + 1);
        if (index_ != plan_.events || !spans_.empty() || asyncIds_ != static_cast<std::int64_t>(plan_.spanEnds.size())) {
            throw ChromeExportError("the trace changed while it was read (" + std::to_string(plan_.events) +
                                    " events the first time, " + std::to_string(index_) + " the second)");
        }
        writeMetadata(header);
        out_ << "\n]}\n";
        out_.flush();
        if (!out_) throw writeFailed();
    }

private:
    // Said at once, while errno still tells why (a full disk, most often).
    static ChromeExportError writeFailed() {
        return ChromeExportError(std::string("the output could not be written (") + std::strerror(errno) + ")");
    }

    void write(const TraceJson& item) {
        out_ << (first_ ? "{\"traceEvents\":[\n" : ",\n") << item.dump();
        first_ = false;
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

    static TraceJson base(const std::string& name, const std::string& cat, const char* ph, std::int64_t ts, int tid) {
        return TraceJson{{"name", name}, {"cat", cat}, {"ph", ph}, {"ts", ts}, {"pid", kPid}, {"tid", tid}};
    }

    OpenSlice& open(int tid, int depth, TraceJson json) {
        close(tid, depth, ts_);
        std::vector<OpenSlice>& stack = stacks_[tid];
        stack.push_back(OpenSlice{depth, ts_, std::move(json), std::nullopt});
        return stack.back();
    }

    // An X slice is written when it closes: only then is its dur known.
    void close(int tid, int depth, std::int64_t ts) {
        std::vector<OpenSlice>& stack = stacks_[tid];
        while (!stack.empty() && stack.back().depth >= depth) {
            OpenSlice& slice = stack.back();
            slice.json["dur"] = ts - slice.ts;
            write(slice.json);
            if (slice.flowEnd) write(*slice.flowEnd);
            stack.pop_back();
        }
    }

    void exportEvent(const TraceJson& event) {
        const std::string& kindName = event["kind"].get_ref<const std::string&>();
        int tid = tidOf(event);
        std::string cat(viz::groupName(viz::groupOf(kindName)));
        std::string label(viz::labelOf(kindName));
        TraceJson args = argsOf(event);
        trackDeferredBegin(event, tid);
        auto slice = [&](const std::string& name) {
            TraceJson json = base(name, cat, "X", ts_, tid);
            json["args"] = args;
            return json;
        };
        if (tid == kLoopTid) loopUsed_ = true;
        if (kindName == kind::runBegin || kindName == kind::threadStarted) {
            // A threaded-baseline thread's life is its lane's outermost slice, as run() is the loop's.
            open(tid, kRun, slice(kindName == kind::runBegin ? "Run" : threadNames_[tid]));
        } else if (kindName == kind::runEnd || kindName == kind::threadExited) {
            close(tid, kRun, ts_);
        } else if (kindName == kind::threadBlocked) {
            // A baseline thread blocked in accept/read/write: its "dispatch" is the wait itself.
            open(tid, kDispatch, slice("blocked in " + textField(event, "call", "?") + "()"));
        } else if (kindName == kind::threadWoke) {
            close(tid, kDispatch, ts_);
            addInstant(label, cat, tid, std::move(args));
        } else if (kindName == kind::iterationBegin) {
            open(tid, kIteration, slice("Iteration " + std::to_string(event["iter"].get<std::int64_t>())));
        } else if (kindName == kind::iterationEnd) {
            close(tid, kIteration, ts_);
        } else if (kind::isPhase(kindName)) {
            open(tid, kPhase, slice(label));
        } else if (kindName == kind::timerFired) {
            std::int64_t timer = intField(event, "timer", 0);
            OpenSlice& firing = open(tid, kDispatch, slice("timer " + std::to_string(timer)));
            firing.flowEnd = flowFromPending(event, tid);
        } else if (kindName == kind::handlerCalled) {
            std::string what = textField(event, "event", "?");
            if (!what.empty()) what[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(what[0])));
            open(tid, kDispatch,
                 slice(textField(event, "handler", "?") + ".do" + what + "() fd " + std::to_string(intField(event, "fd", -1))));
        } else if (kindName == kind::timerScheduled) {
            // A slice one microsecond long, so the flow arrow has somewhere to start. Its latest
            // scheduling is where the arrow starts, once the timer fires.
            TraceJson point = slice(label + ": timer " + std::to_string(intField(event, "timer", 0)));
            point["dur"] = 1;
            write(point);
            if (event.contains("timer") && event["timer"].is_number_integer()) {
                pending_[event["timer"].get<std::int64_t>()] = PendingTimer{ts_, tid};
            }
        } else {
            if (kindName == kind::waitEnd) close(tid, kPhase, ts_);
            if (kindName == kind::timerCancelled) pending_.erase(intField(event, "timer", -1));
            addInstant(label, cat, tid, std::move(args));
        }
        trackDeferredEnd(event);
    }

    void addInstant(const std::string& name, const std::string& cat, int tid, TraceJson args) {
        TraceJson instant = base(name, cat, "i", ts_, tid);
        instant["s"] = "t";
        instant["args"] = std::move(args);
        write(instant);
    }

    // A timer that fires after being scheduled gets its flow: the "s" is written now, after its
    // "Timer scheduled" slice; the "f" is returned, to be written after the slice it binds to.
    // Flow ids, names and categories match at both ends (the v1 flow key is all three).
    std::optional<TraceJson> flowFromPending(const TraceJson& event, int tid) {
        if (!event.contains("timer") || !event["timer"].is_number_integer()) return std::nullopt;
        std::int64_t timer = event["timer"].get<std::int64_t>();
        auto pending = pending_.find(timer);
        if (pending == pending_.end()) return std::nullopt;
        std::int64_t flow = ++flowIds_;
        std::string name = "timer " + std::to_string(timer);
        TraceJson start = base(name, "timer", "s", pending->second.ts, pending->second.tid);
        start["id"] = flow;
        write(start);
        pending_.erase(pending);
        TraceJson end = base(name, "timer", "f", ts_, tid);
        end["id"] = flow;
        end["bp"] = "e";
        return end;
    }

    void trackDeferredBegin(const TraceJson& event, int tid) {
        std::int64_t id = deferredOf(event);
        if (id < 0) return;
        auto found = spans_.find(id);
        if (!beginsSpan(event, found != spans_.end())) return;
        // Ids restart in each DeferredTracing scope: the plan ended the old span at its last event,
        // so an open one here means the file is not the one planned; finish() says so.
        if (found != spans_.end()) return;
        if (static_cast<std::size_t>(asyncIds_) >= plan_.spanEnds.size()) {
            throw ChromeExportError("the trace changed while it was read (more Deferreds than the first time)");
        }
        std::size_t lastEvent = plan_.spanEnds[static_cast<std::size_t>(asyncIds_)];
        Span span{++asyncIds_, "Deferred " + std::to_string(id), tid, lastEvent};
        std::string label = textField(event, "label", "");
        if (!label.empty()) span.name += " (" + label + ")";
        TraceJson begin = base(span.name, "deferred", "b", ts_, tid);
        begin["id"] = span.asyncId;
        begin["args"] = argsOf(event);
        write(begin);
        spans_.emplace(id, std::move(span));
    }

    // After the event's own items: a span that ends here ends after anything it began.
    void trackDeferredEnd(const TraceJson& event) {
        std::int64_t id = deferredOf(event);
        auto found = id < 0 ? spans_.end() : spans_.find(id);
        if (found == spans_.end() || found->second.lastEvent != index_) return;
        TraceJson end = base(found->second.name, "deferred", "e", ts_, found->second.tid);
        end["id"] = found->second.asyncId;
        write(end);
        spans_.erase(found);
    }

    // Last, once every thread has said its name (a thread's name may come after its first event).
    void writeMetadata(const TraceJson& header) {
        auto text = [&](const char* key) {
            return header.is_object() && header.contains(key) && header[key].is_string() ? header[key].get<std::string>()
                                                                                            : std::string("?");
        };
        auto meta = [&](const char* name, int tid, const std::string& value) {
            write(TraceJson{{"name", name}, {"ph", "M"}, {"ts", 0}, {"pid", kPid}, {"tid", tid}, {"args", {{"name", value}}}});
        };
        meta("process_name", kLoopTid, text("program") + " (" + text("backend") + " backend, " + text("clock") + " clock)");
        if (loopUsed_) meta("thread_name", kLoopTid, "reactor loop");
        for (const auto& [tid, name] : threadNames_) meta("thread_name", tid, name);
    }

    const ChromePlan& plan_;
    std::ostream& out_;
    bool first_ = true;
    std::size_t index_ = 0;  // of the event being exported, among the good events
    std::int64_t ts_ = -1;
    std::map<int, std::vector<OpenSlice>> stacks_;
    std::map<std::int64_t, int> threadTids_;
    std::map<int, std::string> threadNames_;
    std::set<int> namedTids_;
    std::map<std::int64_t, PendingTimer> pending_;
    std::int64_t flowIds_ = 0;
    std::map<std::int64_t, Span> spans_;
    std::int64_t asyncIds_ = 0;
    bool loopUsed_ = false;
};

}  // namespace

void writeChromeTrace(std::istream& in, const std::string& name, const ChromePlan& plan, std::ostream& out) {
    TraceStream stream(in, name);
    Writer writer(plan, out);
    TraceJson event;
    while (stream.next(event)) {
        stream.takeProblems();  // said by the plan's read
        writer.event(event);
    }
    writer.finish(stream.header());
}

}  // namespace lab::cli
