// LoopState::apply, the fold; see loop_state.h. apply() is a dispatcher over the sections of
// traces/SCHEMA.md, in its order; each section's kinds are folded by one small function below.
// The objects named by id (ports, connections, Deferreds, threads) are in loop_state_objects.cpp.
#include "model/loop_state.h"

#include <algorithm>
#include <unordered_map>

#include "model/labels.h"
#include "model/event_view.h"

namespace lab::viz {

namespace {

template <typename T>
void keepLast(std::vector<T>& items, T item, std::size_t limit) {
    items.push_back(std::move(item));
    if (items.size() > limit) items.erase(items.begin(), items.end() - static_cast<std::ptrdiff_t>(limit));
}

// SCHEMA.md's sections whose kinds change the loop's own state (not an object named by id).
enum class Section { lifetime, iteration, timers, registrations, errors, http, threadJobs, other };

Section sectionOf(std::string_view k) {
    static const std::unordered_map<std::string_view, Section> sections = [] {
        std::unordered_map<std::string_view, Section> table;
        auto add = [&](Section section, std::initializer_list<std::string_view> kinds) {
            for (std::string_view k : kinds) table.emplace(k, section);
        };
        add(Section::lifetime, {kind::runBegin, kind::stop, kind::runEnd});
        add(Section::iteration, {kind::iterationBegin, kind::threadCallsRun, kind::timersRun, kind::timeoutComputed,
                                 kind::waitBegin, kind::waitEnd, kind::readyDispatch, kind::handlerCalled,
                                 kind::iterationEnd});
        add(Section::timers, {kind::timerScheduled, kind::timerCancelled, kind::timerReset, kind::timerFired});
        add(Section::registrations, {kind::readerAdded, kind::readerRemoved, kind::writerAdded, kind::writerRemoved,
                                     kind::fdRefused, kind::connectionLost});
        add(Section::errors, {kind::errorLogged});
        add(Section::http, {kind::httpRequest, kind::httpResponse, kind::sseBroadcast});
        add(Section::threadJobs, {kind::threadJobQueued, kind::threadJobDone, kind::signalReceived});
        return table;
    }();
    auto found = sections.find(k);
    return found == sections.end() ? Section::other : found->second;
}

}  // namespace

std::string_view phaseLabel(Phase phase) {
    switch (phase) {
        case Phase::setup: return "Set-up";
        case Phase::startup: return labelOf(kind::runBegin);
        case Phase::iterationBegin: return labelOf(kind::iterationBegin);
        case Phase::runThreadCalls: return labelOf(kind::threadCallsRun);
        case Phase::runDueTimers: return labelOf(kind::timersRun);
        case Phase::computeTimeout: return labelOf(kind::timeoutComputed);
        case Phase::waitForEvents: return labelOf(kind::waitBegin);
        case Phase::dispatchReady: return labelOf(kind::readyDispatch);
        case Phase::iterationEnd: return labelOf(kind::iterationEnd);
        case Phase::ended: return labelOf(kind::runEnd);
    }
    return "?";
}

void LoopState::apply(const TraceJson& event, std::size_t index) { applyView(EventView(event), index); }

void LoopState::applyView(const EventView& event, std::size_t index) {
    applied = index + 1;
    now = intField(event, "t", now);
    iter = intField(event, "iter", iter);
    std::string k = textField(event, "kind");

    switch (sectionOf(k)) {
        case Section::lifetime: applyLifetime(k); break;
        case Section::iteration: applyIteration(k, event); break;
        case Section::timers: applyTimer(k, event); break;
        case Section::registrations: applyRegistration(k, event); break;
        case Section::errors: applyError(k, event); break;
        case Section::http: applyHttp(k, event, index); break;
        case Section::threadJobs: applyThreadJob(k, event); break;
        case Section::other:
            if (!findKind(k)) ++unknownEvents;
            break;
    }

    // Objects named by id: connections, Deferreds, threads. Known kinds refine them; any other
    // kind naming one still shows up as that object's latest event.
    if (event.contains("port")) applyPort(k, event, index);
    if (event.contains("connection")) applyConnection(k, event, index);
    if (event.contains("connection") && !httpRequests.empty()) applyHttpConnection(k, event, index);
    if (event.contains("deferred")) applyDeferred(k, event, index);
    if (event.contains("thread")) applyThread(k, event, index);
}

// Reactor lifetime: run_begin, stop, run_end.
void LoopState::applyLifetime(std::string_view k) {
    if (k == kind::runBegin) {
        phase = Phase::startup;
        running = "startup calls";
    } else if (k == kind::stop) {
        stopRequested = true;
    } else if (k == kind::runEnd) {
        phase = Phase::ended;
        running.clear();
    }
}

// One iteration, phase by phase (Reactor::runOnce).
void LoopState::applyIteration(std::string_view k, const EventView& event) {
    if (k == kind::iterationBegin) {
        phase = Phase::iterationBegin;
        running.clear();
        dispatched.clear();
        dueThisIteration = 0;
        threadCallsThisIteration = 0;
    } else if (k == kind::threadCallsRun) {
        phase = Phase::runThreadCalls;
        running = "thread calls";
        threadCallsThisIteration = static_cast<int>(intField(event, "count"));
    } else if (k == kind::timersRun) {
        phase = Phase::runDueTimers;
        dueThisIteration = static_cast<int>(intField(event, "due"));
    } else if (k == kind::timeoutComputed) {
        phase = Phase::computeTimeout;
        running.clear();
        wait.timeout = optionalIntField(event, "timeout_ns");
        wait.reason = textField(event, "reason");
    } else if (k == kind::waitBegin) {
        phase = Phase::waitForEvents;
        wait.seen = true;
        wait.waiting = true;
        wait.began = now;
        wait.readers = fdListField(event, "readers");
        wait.writers = fdListField(event, "writers");
        wait.readable.clear();
        wait.writable.clear();
        wait.disconnected.clear();
    } else if (k == kind::waitEnd) {
        wait.waiting = false;
        wait.ended = now;
        wait.readable = fdListField(event, "readable");
        wait.writable = fdListField(event, "writable");
        wait.disconnected = fdListField(event, "disconnected");
    } else if (k == kind::readyDispatch) {
        phase = Phase::dispatchReady;
    } else if (k == kind::handlerCalled) {
        HandlerCall call{fdField(event), textField(event, "handler"), textField(event, "event")};
        std::string verb = call.event == "write" ? "doWrite()" : "doRead()";
        running = call.handler + "." + verb;
        dispatched.push_back(std::move(call));
        if (dispatched.size() > kMaxKept) dispatched.erase(dispatched.begin());
    } else if (k == kind::iterationEnd) {
        phase = Phase::iterationEnd;
        running.clear();
    }
}

// Timers (DelayedCall): pending ones by id, finished ones in a short history.
void LoopState::applyTimer(std::string_view k, const EventView& event) {
    std::int64_t id = intField(event, "timer");
    if (k == kind::timerScheduled) {
        TimerState timer;
        timer.id = id;
        timer.scheduledAt = now;
        timer.delay = intField(event, "delay_ns");
        timer.due = intField(event, "due_ns", now + timer.delay);
        timer.at = textField(event, "at");
        timers[id] = std::move(timer);
        return;
    }
    auto it = timers.find(id);
    if (k == kind::timerReset) {
        if (it != timers.end()) it->second.due = intField(event, "due_ns", it->second.due);
        return;
    }
    if (k != kind::timerFired && k != kind::timerCancelled) return;
    // It leaves the queue.
    TimerState done = it != timers.end() ? it->second : TimerState{id, 0, 0, 0, "", {}, 0};
    if (it != timers.end()) timers.erase(it);
    bool fired = k == kind::timerFired;
    done.status = fired ? TimerState::Status::fired : TimerState::Status::cancelled;
    done.endedAt = now;
    keepLast(finishedTimers, std::move(done), kMaxKept);
    if (fired) running = "timer " + std::to_string(id);
}

// Handlers (Handler registrations): who is watched for what.
void LoopState::applyRegistration(std::string_view k, const EventView& event) {
    int fd = fdField(event);
    if (k == kind::readerAdded) {
        readers[fd] = textField(event, "handler");
    } else if (k == kind::readerRemoved) {
        readers.erase(fd);
    } else if (k == kind::writerAdded) {
        writers[fd] = textField(event, "handler");
    } else if (k == kind::writerRemoved) {
        writers.erase(fd);
    } else if (k == kind::fdRefused) {
        refused.push_back(fd);
        if (refused.size() > kMaxKept) refused.erase(refused.begin());
    } else if (k == kind::connectionLost) {
        // The reactor gave up on a handler: it is no longer watched at all.
        readers.erase(fd);
        writers.erase(fd);
    }
}

// Errors the loop caught, logged and survived.
void LoopState::applyError(std::string_view k, const EventView& event) {
    if (k == kind::errorLogged) {
        keepLast(errors, LoggedError{now, textField(event, "source"), textField(event, "error")}, kMaxKept);
    }
}

// Threads meeting the reactor: the jobs deferToThread sent out, and signals.
void LoopState::applyThreadJob(std::string_view k, const EventView& event) {
    if (k == kind::signalReceived) {
        lastSignal = textField(event, "signal");
        return;
    }
    std::int64_t id = intField(event, "job");
    if (k == kind::threadJobQueued) {
        threadJobs[id] = ThreadJobState{id, intField(event, "deferred"), now, false, false, 0};
        return;
    }
    if (k != kind::threadJobDone) return;
    // The result is back on the reactor thread.
    auto it = threadJobs.find(id);
    ThreadJobState job = it != threadJobs.end() ? it->second : ThreadJobState{id, 0, 0, false, false, 0};
    if (it != threadJobs.end()) threadJobs.erase(it);
    job.done = true;
    job.ok = boolField(event, "ok");
    job.doneAt = now;
    keepLast(finishedJobs, std::move(job), kMaxKept);
}

namespace {
// A map's node: the entry and the tree's pointers and colour.
constexpr std::size_t kNodeBytes = 48;

std::size_t textBytes(const std::string& text) { return text.capacity() > 15 ? text.capacity() + 1 : 0; }

template <typename Key, typename Value, typename Bytes>
std::size_t mapBytes(const std::map<Key, Value>& items, Bytes bytesOf) {
    std::size_t total = 0;
    for (const auto& [key, value] : items) total += kNodeBytes + sizeof(Key) + sizeof(Value) + bytesOf(value);
    return total;
}
}  // namespace

std::size_t LoopState::footprint() const {
    auto none = [](const auto&) { return std::size_t{0}; };
    std::size_t total = sizeof(LoopState) + textBytes(running);
    total += mapBytes(readers, [](const std::string& h) { return textBytes(h); });
    total += mapBytes(writers, [](const std::string& h) { return textBytes(h); });
    total += (wait.readers.capacity() + wait.writers.capacity() + wait.readable.capacity() + wait.writable.capacity() +
              wait.disconnected.capacity()) * sizeof(int);
    total += mapBytes(timers, [](const TimerState& timer) { return textBytes(timer.at); });
    total += mapBytes(threadJobs, none) + mapBytes(ports, none) + mapBytes(threads, none);
    total += mapBytes(connections, [](const ConnectionState& c) {
        return textBytes(c.peer) + textBytes(c.protocol) + textBytes(c.reason) + textBytes(c.last.kind);
    });
    total += mapBytes(deferreds, [](const DeferredState& d) {
        std::size_t bytes = textBytes(d.label) + textBytes(d.at) + textBytes(d.result) + d.pairs.capacity() * sizeof(PairState);
        for (const PairState& pair : d.pairs) bytes += textBytes(pair.label) + textBytes(pair.at) + textBytes(pair.input) + textBytes(pair.output);
        return bytes;
    });
    total += finishedTimers.capacity() * sizeof(TimerState) + finishedJobs.capacity() * sizeof(ThreadJobState) +
             errors.capacity() * sizeof(LoggedError) + httpRequests.capacity() * sizeof(HttpRequestState) +
             dispatched.capacity() * sizeof(HandlerCall) + refused.capacity() * sizeof(int);
    return total;
}

std::vector<const TimerState*> LoopState::dueTimers() const {
    std::vector<const TimerState*> due;
    for (const auto& [id, timer] : timers) {
        if (timer.due <= now) due.push_back(&timer);
    }
    std::sort(due.begin(), due.end(), [](const TimerState* a, const TimerState* b) {
        return a->due != b->due ? a->due < b->due : a->id < b->id;
    });
    return due;
}

}  // namespace lab::viz
