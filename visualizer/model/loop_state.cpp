// LoopState::apply, the fold; see loop_state.h. One branch per kind of traces/SCHEMA.md.
#include "model/loop_state.h"

#include <algorithm>

#include "model/labels.h"

namespace lab::viz {

namespace {

std::int64_t intField(const TraceJson& event, const char* key, std::int64_t fallback = 0) {
    auto it = event.find(key);
    return it != event.end() && it->is_number_integer() ? it->get<std::int64_t>() : fallback;
}

std::string textField(const TraceJson& event, const char* key) {
    auto it = event.find(key);
    if (it == event.end() || it->is_null()) return {};
    return it->is_string() ? it->get<std::string>() : it->dump();
}

std::vector<int> fdList(const TraceJson& event, const char* key) {
    std::vector<int> fds;
    auto it = event.find(key);
    if (it == event.end() || !it->is_array()) return fds;
    for (const auto& fd : *it) {
        if (fd.is_number_integer()) fds.push_back(fd.get<int>());
    }
    return fds;
}

template <typename T>
void keepLast(std::deque<T>& items, T item, std::size_t limit) {
    items.push_back(std::move(item));
    while (items.size() > limit) items.pop_front();
}

}  // namespace

std::string_view phaseLabel(Phase phase) {
    switch (phase) {
        case Phase::setup: return "Set-up";
        case Phase::startup: return labelOf("run_begin");
        case Phase::iterationBegin: return labelOf("iteration_begin");
        case Phase::runThreadCalls: return labelOf("thread_calls_run");
        case Phase::runTimers: return labelOf("timers_run");
        case Phase::computeTimeout: return labelOf("timeout_computed");
        case Phase::wait: return labelOf("wait_begin");
        case Phase::dispatch: return labelOf("ready_dispatch");
        case Phase::iterationEnd: return labelOf("iteration_end");
        case Phase::ended: return labelOf("run_end");
    }
    return "?";
}

void LoopState::apply(const TraceJson& event, std::size_t index) {
    applied = index + 1;
    now = intField(event, "t", now);
    iter = intField(event, "iter", iter);
    auto kindIt = event.find("kind");
    std::string kind = kindIt != event.end() && kindIt->is_string() ? kindIt->get<std::string>() : std::string();

    // The loop's phases.
    if (kind == "run_begin") {
        phase = Phase::startup;
        running = "startup calls";
    } else if (kind == "stop") {
        stopRequested = true;
    } else if (kind == "run_end") {
        phase = Phase::ended;
        running.clear();
    } else if (kind == "iteration_begin") {
        phase = Phase::iterationBegin;
        running.clear();
        dispatched.clear();
        dueThisIteration = 0;
        threadCallsThisIteration = 0;
    } else if (kind == "thread_calls_run") {
        phase = Phase::runThreadCalls;
        running = "calls from threads";
        threadCallsThisIteration = static_cast<int>(intField(event, "count"));
    } else if (kind == "timers_run") {
        phase = Phase::runTimers;
        dueThisIteration = static_cast<int>(intField(event, "due"));
    } else if (kind == "timeout_computed") {
        phase = Phase::computeTimeout;
        running.clear();
        auto timeout = event.find("timeout_ns");
        wait.timeout = timeout != event.end() && timeout->is_number_integer()
                           ? std::optional<std::int64_t>(timeout->get<std::int64_t>())
                           : std::nullopt;
        wait.reason = textField(event, "reason");
    } else if (kind == "wait_begin") {
        phase = Phase::wait;
        wait.seen = true;
        wait.waiting = true;
        wait.began = now;
        wait.readers = fdList(event, "readers");
        wait.writers = fdList(event, "writers");
        wait.readable.clear();
        wait.writable.clear();
        wait.disconnected.clear();
    } else if (kind == "wait_end") {
        wait.waiting = false;
        wait.ended = now;
        wait.readable = fdList(event, "readable");
        wait.writable = fdList(event, "writable");
        wait.disconnected = fdList(event, "disconnected");
    } else if (kind == "ready_dispatch") {
        phase = Phase::dispatch;
    } else if (kind == "handler_called") {
        HandlerCall call{static_cast<int>(intField(event, "fd", -1)), textField(event, "handler"), textField(event, "event")};
        std::string verb = call.event == "write" ? "doWrite()" : "doRead()";
        running = call.handler + "." + verb;
        dispatched.push_back(std::move(call));
        if (dispatched.size() > kMaxKept) dispatched.erase(dispatched.begin());
    } else if (kind == "iteration_end") {
        phase = Phase::iterationEnd;
        running.clear();
    }
    // Timers.
    else if (kind == "timer_scheduled") {
        TimerState timer;
        timer.id = intField(event, "timer");
        timer.scheduledAt = now;
        timer.delay = intField(event, "delay_ns");
        timer.due = intField(event, "due_ns", now + timer.delay);
        timer.at = textField(event, "at");
        timers[timer.id] = std::move(timer);
    } else if (kind == "timer_reset") {
        auto it = timers.find(intField(event, "timer"));
        if (it != timers.end()) it->second.due = intField(event, "due_ns", it->second.due);
    } else if (kind == "timer_cancelled" || kind == "timer_fired") {
        std::int64_t id = intField(event, "timer");
        auto it = timers.find(id);
        TimerState done = it != timers.end() ? it->second : TimerState{id, 0, 0, 0, "", {}, 0};
        if (it != timers.end()) timers.erase(it);
        done.status = kind == "timer_fired" ? TimerState::Status::fired : TimerState::Status::cancelled;
        done.endedAt = now;
        keepLast(finishedTimers, std::move(done), kMaxKept);
        if (kind == "timer_fired") running = "timer " + std::to_string(id);
    }
    // Handler registrations.
    else if (kind == "reader_added") {
        readers[static_cast<int>(intField(event, "fd", -1))] = textField(event, "handler");
    } else if (kind == "reader_removed") {
        readers.erase(static_cast<int>(intField(event, "fd", -1)));
    } else if (kind == "writer_added") {
        writers[static_cast<int>(intField(event, "fd", -1))] = textField(event, "handler");
    } else if (kind == "writer_removed") {
        writers.erase(static_cast<int>(intField(event, "fd", -1)));
    } else if (kind == "fd_refused") {
        refused.push_back(static_cast<int>(intField(event, "fd", -1)));
        if (refused.size() > kMaxKept) refused.erase(refused.begin());
    } else if (kind == "connection_lost" && !event.contains("connection")) {
        // The reactor's own report (by fd): the handler is no longer watched at all.
        int fd = static_cast<int>(intField(event, "fd", -1));
        readers.erase(fd);
        writers.erase(fd);
    }
    // Threads meeting the reactor.
    else if (kind == "thread_job_queued") {
        ThreadJobState job;
        job.id = intField(event, "job");
        job.deferred = intField(event, "deferred");
        job.queuedAt = now;
        threadJobs[job.id] = job;
    } else if (kind == "thread_job_done") {
        std::int64_t id = intField(event, "job");
        auto it = threadJobs.find(id);
        ThreadJobState job = it != threadJobs.end() ? it->second : ThreadJobState{id, 0, 0, false, false, 0};
        if (it != threadJobs.end()) threadJobs.erase(it);
        job.done = true;
        auto ok = event.find("ok");
        job.ok = ok != event.end() && ok->is_boolean() && ok->get<bool>();
        job.doneAt = now;
        keepLast(finishedJobs, std::move(job), kMaxKept);
    } else if (kind == "signal_received") {
        lastSignal = textField(event, "signal");
    } else if (kind == "error_logged") {
        keepLast(errors, LoggedError{now, textField(event, "source"), textField(event, "error")}, kMaxKept);
    } else if (!findKind(kind)) {
        ++unknownEvents;
    }

    // Objects named by id: connections, Deferreds, threads. Known kinds refine them; any other
    // kind naming one still shows up as that object's latest event.
    if (event.contains("port")) applyPort(kind, event, index);
    if (event.contains("connection")) applyConnection(kind, event, index);
    if (event.contains("deferred")) applyDeferred(kind, event, index);
    if (event.contains("thread")) applyThread(kind, event, index);
}

void LoopState::applyPort(std::string_view kind, const TraceJson& event, std::size_t index) {
    std::int64_t id = intField(event, "port");
    PortState& port = ports[id];
    port.id = id;
    port.last = LastEvent{std::string(kind), now, index};
    if (kind == "port_listening") {
        port.fd = static_cast<int>(intField(event, "fd", -1));
        port.interface = textField(event, "interface");
        port.listening = true;
    } else if (kind == "port_closed") {
        port.listening = false;
    } else if (kind == "connections_accepted") {
        port.accepted += intField(event, "accepted");
    }
}

void LoopState::applyConnection(std::string_view kind, const TraceJson& event, std::size_t index) {
    std::int64_t id = intField(event, "connection");
    ConnectionState& connection = connections[id];
    connection.id = id;
    connection.last = LastEvent{std::string(kind), now, index};
    if (event.contains("fd")) connection.fd = static_cast<int>(intField(event, "fd", -1));
    if (event.contains("host")) connection.peer = textField(event, "host");
    if (event.contains("peer")) connection.peer = textField(event, "peer");
    if (event.contains("protocol")) connection.protocol = textField(event, "protocol");
    if (event.contains("handler") && connection.protocol.empty()) connection.protocol = textField(event, "handler");
    if (event.contains("buffered")) connection.bytesBuffered = intField(event, "buffered");
    std::int64_t bytes = intField(event, "bytes");
    if (kind == "connect_started") {
        connection.state = "connecting";
        connection.side = "client";
    } else if (kind == "connect_failed") {
        connection.state = "failed";
        connection.reason = textField(event, "reason");
    } else if (kind == "connection_made") {
        connection.state = "open";
        connection.side = textField(event, "side");
    } else if (kind == "bytes_read") {
        connection.bytesRead += bytes;
    } else if (kind == "bytes_sent") {
        connection.bytesSent += bytes;
    } else if (kind == "lose_connection") {
        connection.state = "closing";
    } else if (kind == "connection_aborted") {
        connection.state = "aborted";
        connection.bytesBuffered = 0;
    } else if (kind == "read_closed") {
        connection.state = "peer stopped sending";
    } else if (kind == "write_closed") {
        connection.state = "write side closed";
    } else if (kind == "producer_paused") {
        connection.producerPaused = true;
    } else if (kind == "producer_resumed") {
        connection.producerPaused = false;
    } else if (kind == "connection_closed" || kind == "connection_lost") {
        connection.state = "closed";
        connection.reason = textField(event, "reason");
    }
}

void LoopState::applyDeferred(std::string_view kind, const TraceJson& event, std::size_t index) {
    std::int64_t id = intField(event, "deferred");
    DeferredState& deferred = deferreds[id];
    deferred.id = id;
    deferred.last = LastEvent{std::string(kind), now, index};
    if (kind == "deferred_created") {
        deferred.label = textField(event, "label");
        deferred.at = textField(event, "at");
    } else if (kind == "deferred_pair_added") {
        ChainLink link;
        link.pair = intField(event, "pair", static_cast<std::int64_t>(deferred.chain.size()) + 1);
        link.side = textField(event, "side");
        link.label = textField(event, "label");
        link.at = textField(event, "at");
        deferred.chain.push_back(std::move(link));
    } else if (kind == "deferred_fired") {
        deferred.fired = true;
        auto failed = event.find("failed");
        deferred.resultIsFailure = failed != event.end() && failed->is_boolean() && failed->get<bool>();
        deferred.result = textField(event, "result");
    } else if (kind == "deferred_step_ran") {
        std::int64_t pair = intField(event, "pair");
        for (std::size_t i = 0; i < deferred.chain.size(); ++i) {
            if (deferred.chain[i].pair != pair) continue;
            ChainLink& link = deferred.chain[i];
            link.ran = true;
            link.ranSide = textField(event, "side");
            link.input = textField(event, "input");
            auto output = event.find("output");
            link.output = output == event.end() || output->is_null() ? "(an unfired Deferred)" : textField(event, "output");
            deferred.position = i + 1;
            break;
        }
        std::string next = textField(event, "next");
        auto output = event.find("output");
        if (output != event.end() && !output->is_null()) deferred.result = textField(event, "output");
        if (next == "callback" || next == "errback") deferred.resultIsFailure = next == "errback";
    } else if (kind == "deferred_paused") {
        deferred.paused = true;
        auto on = event.find("on");
        deferred.waitingOn = on != event.end() && on->is_number_integer() ? std::optional<std::int64_t>(on->get<std::int64_t>())
                                                                           : std::nullopt;
    } else if (kind == "deferred_resumed") {
        deferred.paused = false;
        deferred.waitingOn.reset();
        if (event.contains("result")) deferred.result = textField(event, "result");
    } else if (kind == "deferred_cancelled") {
        deferred.cancelled = true;
    } else if (kind == "deferred_unhandled") {
        deferred.unhandled = true;
        deferred.resultIsFailure = true;
        deferred.result = textField(event, "failure");
    }
}

void LoopState::applyThread(std::string_view kind, const TraceJson& event, std::size_t index) {
    std::int64_t id = intField(event, "thread");
    ThreadState& thread = threads[id];
    thread.id = id;
    thread.last = LastEvent{std::string(kind), now, index};
    thread.doing = std::string(labelOf(kind));
    if (event.contains("name")) thread.name = textField(event, "name");
    if (kind == "thread_started") {
        thread.alive = true;
    } else if (kind == "thread_blocked") {
        thread.blockedIn = textField(event, "call");
        thread.fd = static_cast<int>(intField(event, "fd", -1));
    } else if (kind == "thread_woke") {
        thread.blockedIn.clear();
        thread.fd = static_cast<int>(intField(event, "fd", thread.fd));
        thread.bytes += std::max<std::int64_t>(0, intField(event, "bytes"));  // -1 is an error, not bytes
    } else if (kind == "thread_exited") {
        thread.blockedIn.clear();
        thread.alive = false;
        thread.exitReason = textField(event, "reason");
    }
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
