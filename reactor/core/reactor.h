// Reactor: the event loop (Twisted's ReactorBase + PosixReactorBase, with one backend).
//
// It owns the timers (callLater), the handler registrations (addReader/addWriter) and a Backend
// that waits for readiness. run() turns runOnce() until stop(); runOnce() is one iteration:
//   run thread calls -> run due timers -> compute the timeout -> wait for events -> dispatch.
// It does not own sockets, buffers or protocols: those are in reactor/transport and
// reactor/protocol. Every member is for the thread that made the Reactor, except
// callFromThread() (the rules for threads: core/reactor_threads.cpp, lesson 04).
// Taught in lessons 01 (the loop) and 02 (the pattern); tested in tests/core/reactor_test.cpp
// and tests/core/phase_order_test.cpp.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <source_location>
#include <string>
#include <thread>
#include <vector>

#include "backends/backend.h"
#include "clock/clock.h"
#include "core/handler.h"
#include "core/refusal_notice.h"
#include "core/registration_table.h"
#include "timers/delayed_call.h"
#include "timers/timer_queue.h"
#include "trace/tracer.h"

namespace lab {

class ThreadPool;
class Waker;

struct ReactorOptions {
    std::string backend = "select";  // "select", "poll" or "epoll"
    Clock* clock = nullptr;          // not owned; nullptr: the reactor's own SystemClock
    TraceSink* trace = nullptr;      // not owned; nullptr: tracing off
    std::string program = "";        // names the program in the trace header
    std::ostream* notices = nullptr; // not owned; nullptr: std::cerr (RefusalNotice's lines)
};

class Reactor {
public:
    explicit Reactor(ReactorOptions options = {});
    // With a backend made elsewhere (tests use a scripted one); options.backend is ignored.
    Reactor(std::unique_ptr<Backend> backend, ReactorOptions options);
    ~Reactor();
    Reactor(const Reactor&) = delete;
    Reactor& operator=(const Reactor&) = delete;

    // The loop (lesson 01).
    // Run the startup calls, then iterate until stop(). Once per reactor, as in Twisted.
    void run();
    // One iteration of the loop; may be used without run() (Twisted's iterate()).
    void runOnce();
    // Ask run() to return after the current iteration. ReactorNotRunning when not running.
    void stop();
    bool running() const { return running_; }
    // Run fn when run() starts, or now if it already has.
    void callWhenRunning(std::function<void()> fn);

    // Time (lessons 01 and 06).
    // Run fn once `delay` has passed. Errors thrown by fn are logged, never propagated.
    std::shared_ptr<DelayedCall> callLater(Duration delay, std::function<void()> fn,
                                           std::source_location where = std::source_location::current());
    TimePoint now() const { return clock_->now(); }
    const Clock& clock() const { return *clock_; }
    std::size_t pendingTimers() const { return timers_.size(); }

    // Handlers (lesson 02). A Handler must stay alive while registered.
    void addReader(Handler& handler);
    void addWriter(Handler& handler);
    void removeReader(Handler& handler);
    void removeWriter(Handler& handler);
    // Stop watching everything; returns what was registered (Twisted's removeAll).
    std::vector<Handler*> removeAll();
    std::vector<Handler*> getReaders() const;
    std::vector<Handler*> getWriters() const;
    std::string_view backendName() const { return backend_->name(); }
    // Say on standard error that a descriptor was refused and what became of it, at most one
    // line a second with a count of the rest (RefusalNotice; reactor_handlers.cpp). For a caller
    // that swallows FdOutOfRange, such as a ListeningPort: without it the refusal is silent.
    void reportRefusal(std::string_view what);

    // Threads and signals (lesson 04; reactor_threads.cpp).
    // The one member any thread may call: run fn on the reactor thread, at the start of a coming
    // turn; calls from one thread run in the order made. Errors fn throws are logged. From
    // another thread, only once the reactor has its Waker (callFromThread, getThreadPool (and so
    // deferToThread) or installSignalHandlers on the reactor thread makes it); std::logic_error
    // before that, since nothing could wake the loop yet.
    void callFromThread(std::function<void()> fn);
    // The reactor's pool, made on first use with suggestThreadPoolSize() workers (default 4).
    // std::logic_error once run() has returned: the pool was stopped then.
    ThreadPool& getThreadPool();
    void suggestThreadPoolSize(std::size_t maxThreads);
    // Opt-in: SIGINT and SIGTERM stop the loop (signal_handlers.h). The previous handlers come
    // back when run() returns, or in ~Reactor.
    void installSignalHandlers();

    // For the library's other parts (transports, Deferreds) to record their own events.
    Tracer& tracer() { return tracer_; }
    // The error log (Twisted's log.err): an error nobody handled, reported on stderr and as an
    // error_logged event. Public so protocols can log what they survive (HTTP's 500s).
    void logError(std::string_view source, std::exception_ptr error);

private:
    // The phases of one iteration, in runOnce's order (reactor.cpp; phase 0 in reactor_threads.cpp).
    void runThreadCalls();
    void runDueTimers();
    std::optional<Duration> computeTimeout();
    void waitForEvents(std::optional<Duration> timeout);
    void dispatchReady();

    // Phase 2: the timeout, and why, in the trace.
    std::optional<Duration> timeoutBecause(std::optional<Duration> timeout, const char* reason);
    // Phase 3 under a ManualClock: with a timeout, only look, then jump logical time by it; with
    // none, block for real on what can still end the wait.
    void waitInLogicalTime(std::optional<Duration> timeout);
    // Phase 4: one ready descriptor's handler; a handler the loop gives up on.
    void dispatch(const Readiness& readiness);
    void disconnect(Handler& handler, std::exception_ptr reason);

    // Threads meeting the loop (reactor_threads.cpp, which gives the rules).
    void ensureWaker();              // the Waker, made on first use of threads or signals
    std::size_t admitThreadCalls();  // phase 0: take in what other threads queued
    bool threadCallsWaiting();       // phase 2: calls are queued, so do not block
    void dropWakerReadiness();       // phase 3, ManualClock: the Waker's readiness is timing, not trace
    bool takeInThreadWork();         // phase 3, ManualClock: wait for the pool's results on an idle turn
    bool canBeWoken();               // phase 3, ManualClock: can anything end a wait with no timeout?
    void shutDownThreads();          // run() returning, ~Reactor: join the pool, restore signals
    void flushRefusals();            // run() returning, ~Reactor: the count still held back

    // The events of a turn that carry data (reactor_trace.cpp), called only when tracing is on.
    [[gnu::cold]] void traceTimeoutComputed(std::optional<Duration> timeout, const char* reason);
    [[gnu::cold]] void traceWaitBegin(std::optional<Duration> timeout);
    [[gnu::cold]] void traceWaitEnd();
    [[gnu::cold]] void traceReadyDispatch();
    [[gnu::cold]] void traceHandlerCalled(int fd, const Handler& handler, const char* event);

    enum class Direction { read, write };
    void changeInterest(Handler& handler, Direction direction, bool wanted);

    std::unique_ptr<Clock> ownClock_;  // set when no clock was given
    Clock* clock_;
    Tracer tracer_;
    std::unique_ptr<Backend> backend_;
    TimerQueue timers_;
    RegistrationTable registrations_;  // who watches which fd, for what (reactor_handlers.cpp)
    std::vector<Readiness> ready_;               // the last wait's result, reused each turn
    // The backend's count of interest changes when the traced wait began (epoll only).
    std::optional<std::uint64_t> interestChangesBefore_;
    std::vector<std::function<void()>> startupCalls_;
    RefusalNotice refusals_;
    std::shared_ptr<DelayedCall> refusalCount_;  // prints refusals_'s count when its second ends
    bool running_ = false;
    bool stopping_ = false;
    bool hasRun_ = false;

    // Threads: only threadCallsMutex_ and what it guards are touched by other threads.
    const std::thread::id reactorThread_ = std::this_thread::get_id();
    std::unique_ptr<Waker> waker_;  // made on first use; written under threadCallsMutex_
    std::mutex threadCallsMutex_;
    std::vector<std::function<void()>> threadCalls_;  // guarded: queued by callFromThread
    std::atomic<bool> threadCallsQueued_ = false;     // set with a push, cleared when taken in
    std::vector<std::function<void()>> admitted_;     // reactor thread: to run next turn
    std::unique_ptr<ThreadPool> threadPool_;
    std::size_t threadPoolSize_ = 4;
    bool threadsShutDown_ = false;
    bool ownsSignalHandlers_ = false;
};

}  // namespace lab
