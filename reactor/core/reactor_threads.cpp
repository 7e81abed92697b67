// Reactor: calls from other threads, the thread pool, and stop signals (Twisted's
// ReactorBase.callFromThread / threadCallQueue / getThreadPool and _SignalReactorMixin).
// Taught in lessons/04-sync-vs-reactor; tested in tests/threads/. The Waker is in waker.h,
// the signal handlers in signal_handlers.h.
//
// The rules. Every member of Reactor is for the reactor thread (the one that made it) except
// callFromThread(), which any thread may call. It queues the call under a mutex and rings a
// Waker (a self-pipe watched as a reader), made on first use. The phase runThreadCalls() runs
// only the calls queued when it starts; later ones wait a turn.
// Under a ManualClock, other threads' work is taken in only on an idle turn (nothing ready, the
// clock about to jump): there, if jobs of the reactor's pool are unfinished, the wait blocks for
// real until they have all handed back their results, and logical time does not move. So a trace
// with deferToThread is the same on every run (with one job in flight at a time: two jobs may
// finish in either order). The pool (getThreadPool) is stopped and joined when run() returns, or
// in ~Reactor: jobs not started are dropped, results not yet delivered never fire.
#include <algorithm>
#include <stdexcept>
#include <utility>

#include "core/errors.h"
#include "core/reactor.h"
#include "core/signal_handlers.h"
#include "core/waker.h"
#include "threads/thread_pool.h"

namespace lab {

void Reactor::callFromThread(std::function<void()> fn) {
    if (std::this_thread::get_id() == reactorThread_) ensureWaker();
    {
        std::lock_guard lock(threadCallsMutex_);
        if (!waker_) {
            throw std::logic_error("callFromThread(): the reactor has no Waker yet, so nothing could wake its loop; "
                                   "call callFromThread, deferToThread, getThreadPool or installSignalHandlers once "
                                   "on the reactor thread before other threads use it");
        }
        threadCalls_.push_back(std::move(fn));
        threadCallsQueued_.store(true, std::memory_order_release);
    }
    // Outside the lock: the byte only says "look at the queue", which already holds the call.
    waker_->wakeUp();
}

// Made and registered on the reactor thread, on first use, so programs that never use threads
// or signals trace no extra reader.
void Reactor::ensureWaker() {
    if (waker_) return;
    auto waker = std::make_unique<Waker>();
    {
        std::lock_guard lock(threadCallsMutex_);
        waker_ = std::move(waker);
    }
    addReader(*waker_);
}

// Phase 0. Runs only the calls queued when it starts (Twisted's runUntilCurrent counts them the
// same way): a call that queues another, or a thread that keeps calling, cannot starve timers
// and I/O; computeTimeout() then makes the wait not block, so they run next turn.
void Reactor::runThreadCalls() {
    if (!waker_) return;  // never used: nothing to look at, nothing traced
    if (ownsSignalHandlers_) {
        if (int signal = takePendingStopSignal()) {
            tracer_.emit(kind::signalReceived, {{"signal", stopSignalName(signal)}});
            if (running_ && !stopping_) stop();
        }
    }
    if (clock_->waitsForReal()) admitThreadCalls();  // under a ManualClock, takeInThreadWork() does
    if (admitted_.empty()) return;
    std::vector<std::function<void()>> calls;
    calls.swap(admitted_);
    tracer_.emit(kind::threadCallsRun, {{"count", calls.size()}});
    for (auto& call : calls) {
        try {
            call();
        } catch (...) {
            logError("callFromThread", std::current_exception());
        }
    }
}

// The flag is read without the lock, so a turn with nothing queued (nearly every turn) costs
// one load, not a lock and an unlock. A call queued just after the load is not lost: its
// wake-up makes the next wait return at once.
std::size_t Reactor::admitThreadCalls() {
    if (!threadCallsQueued_.load(std::memory_order_acquire)) return 0;
    std::lock_guard lock(threadCallsMutex_);
    threadCallsQueued_.store(false, std::memory_order_relaxed);
    std::size_t count = threadCalls_.size();
    for (auto& call : threadCalls_) admitted_.push_back(std::move(call));
    threadCalls_.clear();
    return count;
}

// Under a ManualClock the answer must not depend on how fast another thread was, or the
// trace would differ between runs: calls are taken in by takeInThreadWork() instead.
bool Reactor::threadCallsWaiting() {
    return waker_ && clock_->waitsForReal() && threadCallsQueued_.load(std::memory_order_acquire);
}

// Under a ManualClock the Waker's readiness depends on thread timing, so it is taken out of
// the ready list (and drained) instead of being dispatched and traced.
void Reactor::dropWakerReadiness() {
    if (!waker_) return;
    int fd = waker_->fileno();
    auto it = std::find_if(ready_.begin(), ready_.end(), [fd](const Readiness& r) { return r.fd == fd; });
    if (it == ready_.end()) return;
    ready_.erase(it);
    waker_->drain();
}

// Under a ManualClock, on an idle turn (nothing ready): wait for real until every job of the
// pool has handed back its result (the pool rings the Waker after each job, once its count went
// down, so no wake-up is missed), then take in every queued call. Returns true when something
// came in, so logical time does not move this turn: thread work takes no logical time.
// Not once stop() was called: this is the last turn, and shutDownThreads() joins the pool.
bool Reactor::takeInThreadWork() {
    if (!waker_) return false;
    while (!stopping_ && threadPool_ && threadPool_->unfinished() > 0 && ready_.empty()) {
        backend_->wait(std::nullopt, ready_);
        dropWakerReadiness();
    }
    return admitThreadCalls() > 0 || !ready_.empty();
}

// Under a ManualClock with no timer: can anything still make the wait return? A descriptor the
// program watches, a job of the pool or its result, or a signal. The Waker alone cannot.
bool Reactor::canBeWoken() {
    std::size_t internal = waker_ ? 1 : 0;
    if (registrations_.size() > internal || ownsSignalHandlers_) return true;
    if (threadPool_ && threadPool_->unfinished() > 0) return true;
    if (!waker_) return false;
    // A job pushes its result before its count goes down, so one of the two is always seen.
    std::lock_guard lock(threadCallsMutex_);
    return !threadCalls_.empty();
}

ThreadPool& Reactor::getThreadPool() {
    if (threadsShutDown_) {
        throw std::logic_error("getThreadPool(): the reactor's thread pool was stopped when run() returned");
    }
    if (!threadPool_) {
        ensureWaker();
        Waker* waker = waker_.get();
        threadPool_ = std::make_unique<ThreadPool>(threadPoolSize_, [waker] { waker->wakeUp(); });
    }
    return *threadPool_;
}

void Reactor::suggestThreadPoolSize(std::size_t maxThreads) {
    if (maxThreads == 0) throw std::invalid_argument("suggestThreadPoolSize(): the pool needs at least 1 thread");
    if (threadPool_) {
        throw std::logic_error("suggestThreadPoolSize(): the pool already exists; suggest its size before first use");
    }
    threadPoolSize_ = maxThreads;
}

void Reactor::installSignalHandlers() {
    if (ownsSignalHandlers_) return;
    ensureWaker();
    installStopSignalHandlers(waker_->writeEnd());
    ownsSignalHandlers_ = true;
}

// When run() returns, and in ~Reactor: join the workers (the jobs still running finish; their
// results are queued but no turn will run them), and give the signals back.
void Reactor::shutDownThreads() {
    threadsShutDown_ = true;
    if (threadPool_) threadPool_->stop();
    if (ownsSignalHandlers_) {
        restoreStopSignalHandlers();
        ownsSignalHandlers_ = false;
    }
}

}  // namespace lab
