// Reactor; see reactor.h. runOnce() is the heart of it: read it first.
#include "core/reactor.h"

#include <algorithm>
#include <iostream>
#include <stdexcept>
#include <string>
#include <utility>

#include "backends/make_backend.h"
#include "core/errors.h"
#include "core/waker.h"
#include "threads/thread_pool.h"

namespace lab {

Reactor::Reactor(ReactorOptions options) : Reactor(makeBackend(options.backend), options) {}

Reactor::Reactor(std::unique_ptr<Backend> backend, ReactorOptions options)
    : ownClock_(options.clock ? nullptr : std::make_unique<SystemClock>()),
      clock_(options.clock ? options.clock : ownClock_.get()),
      tracer_(*clock_, options.trace),
      backend_(std::move(backend)),
      timers_(*clock_, tracer_),
      refusals_(options.notices) {
    tracer_.header(TraceHeader{options.program, std::string(backend_->name()), std::string(clock_->kind())});
}

Reactor::~Reactor() {
    shutDownThreads();  // first: workers may still ring the Waker, which dies with the members
    flushRefusals();
    try {
        tracer_.flush();
    } catch (const std::exception& e) {
        std::cerr << "reactor-lab: could not flush the trace: " << e.what() << "\n";
    }
}

// One turn of the loop (lesson 01, "The loop, phase by phase").
void Reactor::runOnce() {
    tracer_.beginIteration();
    tracer_.emit(kind::iterationBegin);
    runThreadCalls();
    runDueTimers();
    std::optional<Duration> timeout = computeTimeout();
    waitForEvents(timeout);
    dispatchReady();
    tracer_.emit(kind::iterationEnd);
}

void Reactor::run() {
    if (hasRun_) throw ReactorNotRestartable("run(): this reactor has already run once; make a new Reactor");
    hasRun_ = true;
    running_ = true;
    tracer_.emit(kind::runBegin);
    auto calls = std::move(startupCalls_);
    for (auto& call : calls) {
        try {
            call();
        } catch (...) {
            logError("callWhenRunning", std::current_exception());
        }
    }
    try {
        while (!stopping_) runOnce();
    } catch (...) {
        running_ = false;
        shutDownThreads();
        tracer_.flush();
        throw;
    }
    running_ = false;
    shutDownThreads();
    flushRefusals();
    tracer_.emit(kind::runEnd);
    tracer_.flush();
}

void Reactor::stop() {
    if (!running_) throw ReactorNotRunning("stop(): the reactor is not running");
    if (stopping_) throw ReactorNotRunning("stop(): the reactor is already stopping (stop() was called twice)");
    stopping_ = true;
    tracer_.emit(kind::stop);
}

void Reactor::callWhenRunning(std::function<void()> fn) {
    if (running_) {
        fn();
    } else {
        startupCalls_.push_back(std::move(fn));
    }
}

std::shared_ptr<DelayedCall> Reactor::callLater(Duration delay, std::function<void()> fn, std::source_location where) {
    return timers_.schedule(delay, std::move(fn), where);
}

// Phase 0, runThreadCalls(), is in reactor_threads.cpp (it does nothing until threads or signals
// are used). Phase 1. Only calls scheduled before the phase began run now; a timer that
// schedules another for "now" makes it wait one turn, so timers cannot starve I/O.
void Reactor::runDueTimers() {
    TimePoint now = clock_->now();
    std::uint64_t limit = timers_.nextSequence();
    if (tracer_.on()) tracer_.emit(kind::timersRun, {{"due", timers_.countDue(now)}});
    while (auto due = timers_.popDue(now, limit)) {
        if (tracer_.on()) tracer_.emit(kind::timerFired, {{"timer", due->call->id()}});
        try {
            due->fn();
        } catch (...) {
            logError("timer " + std::to_string(due->call->id()), std::current_exception());
        }
    }
}

// Phase 2. How long the wait may block: not at all once stop() was called (so run() can
// return) or while calls from threads wait; until the next timer; forever if there is none.
std::optional<Duration> Reactor::computeTimeout() {
    if (stopping_) return timeoutBecause(Duration::zero(), "stopping");
    if (threadCallsWaiting()) return timeoutBecause(Duration::zero(), "thread calls");
    std::optional<TimePoint> next = timers_.nextTime();
    if (!next) return timeoutBecause(std::nullopt, "no timers");
    return timeoutBecause(std::max(*next - clock_->now(), Duration::zero()), "next timer");
}

// The timeout and why, in the trace (timeout_computed); the reason is only loaded when tracing.
std::optional<Duration> Reactor::timeoutBecause(std::optional<Duration> timeout, const char* reason) {
    if (tracer_.on()) traceTimeoutComputed(timeout, reason);
    return timeout;
}

// Phase 3. Block in the backend until a descriptor is ready or the timeout passes. Under a
// ManualClock nothing happens while we wait: with a timeout we only look and move logical time
// instead (waitInLogicalTime).
void Reactor::waitForEvents(std::optional<Duration> timeout) {
    if (tracer_.on()) traceWaitBegin(timeout);
    if (clock_->waitsForReal()) {
        backend_->wait(timeout, ready_);
    } else {
        waitInLogicalTime(timeout);
    }
    if (tracer_.on()) traceWaitEnd();
}

// With a timeout (a timer is pending, or stop() was called), look (timeout zero); if nothing is
// ready, other threads' work comes in (takeInThreadWork), or else logical time jumps by the
// whole timeout: straight to the next timer. With no timeout, block for real on what can still
// end the wait (a watched descriptor, a thread, a signal). With nothing at all that could, run() would wait forever: it says so
// instead of hanging, and a lone runOnce() just looks and returns.
void Reactor::waitInLogicalTime(std::optional<Duration> timeout) {
    bool nothingCanEndTheWait = !timeout && !canBeWoken();
    if (nothingCanEndTheWait && running_) {
        throw std::logic_error("run(): no timer is pending and no handler is registered; under a ManualClock "
                               "the loop would wait forever (did the program forget to call stop()?)");
    }
    bool onlyLook = timeout || nothingCanEndTheWait;
    backend_->wait(onlyLook ? std::optional<Duration>(Duration::zero()) : std::nullopt, ready_);
    dropWakerReadiness();
    if (!ready_.empty()) return;
    bool threadWorkCameIn = takeInThreadWork();  // thread work takes no logical time
    if (!threadWorkCameIn && timeout) clock_->sleptFor(*timeout);
}

// Phase 4. In ascending fd order; for one fd, read before write (as Twisted's pollreactor).
void Reactor::dispatchReady() {
    if (tracer_.on()) traceReadyDispatch();
    for (const Readiness& readiness : ready_) dispatch(readiness);
}

void Reactor::dispatch(const Readiness& readiness) {
    const Registration* found = registrations_.find(readiness.fd);
    if (!found) return;  // removed by a handler earlier in this turn
    Handler& handler = *found->handler;
    // Hang-up or error with no input left to read: a reader sees a clean end of the
    // connection, anyone else a lost one (Twisted's pollreactor._doReadOrWrite).
    if (readiness.disconnected && !readiness.readable) {
        bool clean = found->reading;
        disconnect(handler, clean ? std::make_exception_ptr(ConnectionDone("the peer closed the connection"))
                                     : std::make_exception_ptr(ConnectionLost("the descriptor hung up or failed")));
        return;
    }
    try {
        if (readiness.readable && found->reading) {
            if (tracer_.on()) traceHandlerCalled(readiness.fd, handler, "read");
            handler.doRead();
        }
        // doRead may have removed this handler, or even closed its fd and let another take it
        // (and a registration added meanwhile may have moved the table: look again).
        found = registrations_.find(readiness.fd);
        bool stillWriting = found && found->handler == &handler && found->writing;
        if (readiness.writable && stillWriting) {
            if (tracer_.on()) traceHandlerCalled(readiness.fd, handler, "write");
            handler.doWrite();
        }
    } catch (...) {
        // A handler that throws is disconnected, and the loop goes on (Twisted does the same).
        logError(handler.logPrefix(), std::current_exception());
        disconnect(handler, std::current_exception());
    }
}

void Reactor::disconnect(Handler& handler, std::exception_ptr reason) {
    int fd = -1;
    if (int known = registrations_.fdOf(handler); known >= 0) {
        fd = known;
        backend_->setInterest(fd, false, false);
        registrations_.erase(fd);
    }
    if (tracer_.on()) {
        tracer_.emit(kind::connectionLost,
                     {{"fd", fd}, {"handler", handler.logPrefix()}, {"reason", describeException(reason)}});
    }
    try {
        handler.connectionLost(reason);
    } catch (...) {
        logError(handler.logPrefix() + " connectionLost", std::current_exception());
    }
}

void Reactor::logError(std::string_view source, std::exception_ptr error) {
    std::string description = describeException(error);
    std::cerr << "reactor-lab: unhandled error in " << source << ": " << description << "\n";
    tracer_.emit(kind::errorLogged, {{"source", source}, {"error", description}});
}

}  // namespace lab
