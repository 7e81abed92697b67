// Reactor: the event loop (Twisted's ReactorBase + PosixReactorBase, with one backend).
//
// It owns the timers (callLater), the handler registrations (addReader/addWriter) and a Backend
// that waits for readiness. run() turns runOnce() until stop(); runOnce() is one iteration:
//   run thread calls -> run due timers -> compute the timeout -> wait for events -> dispatch.
// It does not own sockets, buffers or protocols: those are in reactor/transport and
// reactor/protocol. Taught in lessons 01 (the loop) and 02 (the pattern);
// tested in tests/core/reactor_test.cpp and tests/core/phase_order_test.cpp.
//
// Threads (reactor_threads.cpp, lesson 04, tests/threads/): every member is for the reactor thread
// (the one that made the Reactor) except callFromThread(), which any thread may call. It queues
// the call under a mutex and rings a Waker (a self-pipe watched as a reader), made on first use.
// The phase runThreadCalls() runs only the calls queued when it starts; later ones wait a turn.
// Under a ManualClock, other threads' work is taken in only on an idle turn (nothing ready, the
// clock about to jump): there, if jobs of the reactor's pool are unfinished, the wait blocks for
// real until they have all handed back their results, and logical time does not move. So a trace
// with deferToThread is the same on every run (with one job in flight at a time: two jobs may
// finish in either order). The pool (getThreadPool) is stopped and joined when run() returns, or
// in ~Reactor: jobs not started are dropped, results not yet delivered never fire.
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
#include "core/clock.h"
#include "core/handler.h"
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
};

class Reactor {
public:
    explicit Reactor(ReactorOptions options = {});
    // With a backend made elsewhere (tests use a scripted one); options.backend is ignored.
    Reactor(std::unique_ptr<Backend> backend, ReactorOptions options);
    ~Reactor();
    Reactor(const Reactor&) = delete;
    Reactor& operator=(const Reactor&) = delete;

    // Run the startup calls, then iterate until stop(). Once per reactor, as in Twisted.
    void run();
    // One iteration of the loop; may be used without run() (Twisted's iterate()).
    void runOnce();
    // Ask run() to return after the current iteration. ReactorNotRunning when not running.
    void stop();
    bool running() const { return running_; }

    // Run fn when run() starts, or now if it already has.
    void callWhenRunning(std::function<void()> fn);
    // Run fn once `delay` has passed. Errors thrown by fn are logged, never propagated.
    std::shared_ptr<DelayedCall> callLater(Duration delay, std::function<void()> fn,
                                           std::source_location where = std::source_location::current());

    // Handler registration. A Handler must stay alive while registered.
    void addReader(Handler& handler);
    void addWriter(Handler& handler);
    void removeReader(Handler& handler);
    void removeWriter(Handler& handler);
    // Stop watching everything; returns what was registered (Twisted's removeAll).
    std::vector<Handler*> removeAll();
    std::vector<Handler*> getReaders() const;
    std::vector<Handler*> getWriters() const;

    // The one member any thread may call: run fn on the reactor thread, at the start of a coming
    // turn; calls from one thread run in the order made. Errors fn throws are logged. From
    // another thread, only once the reactor has its Waker (any of these four on the reactor
    // thread makes it); std::logic_error before that, since nothing could wake the loop yet.
    void callFromThread(std::function<void()> fn);
    // The reactor's pool, made on first use with suggestThreadPoolSize() workers (default 4).
    // std::logic_error once run() has returned: the pool was stopped then.
    ThreadPool& getThreadPool();
    void suggestThreadPoolSize(std::size_t maxThreads);
    // Opt-in: SIGINT and SIGTERM stop the loop (signal_handlers.h). The previous handlers come
    // back when run() returns, or in ~Reactor.
    void installSignalHandlers();

    TimePoint now() const { return clock_->now(); }
    const Clock& clock() const { return *clock_; }
    std::string_view backendName() const { return backend_->name(); }
    std::size_t pendingTimers() const { return timers_.size(); }
    // For the library's other parts (transports, Deferreds) to record their own events.
    Tracer& tracer() { return tracer_; }
    // The error log (Twisted's log.err): an error nobody handled, reported on stderr and as an
    // error_logged event. Public so protocols can log what they survive (HTTP's 500s).
    void logError(std::string_view source, std::exception_ptr error);

    // Threads and signals (reactor_threads.cpp).
    void ensureWaker();
    std::size_t admitThreadCalls();
    bool threadCallsWaiting();
    void dropWakerReadiness();
    bool takeInThreadWork();
    bool canBeWoken();
    void shutDownThreads();

private:
    // Who is registered on a descriptor, and for what.
    struct Registration {
        Handler* handler = nullptr;
        bool reading = false;
        bool writing = false;
    };

    // The phases of one iteration, in order (runOnce).
    void runThreadCalls();
    void runDueTimers();
    std::optional<Duration> computeTimeout();
    std::optional<Duration> timeoutBecause(std::optional<Duration> timeout, const char* reason);
    void waitForEvents(std::optional<Duration> timeout);
    void dispatchReady();

    void dispatch(const Readiness& readiness);
    void disconnect(Handler& handler, std::exception_ptr reason);

    // The events of a turn that carry data (reactor_trace.cpp), called only when tracing is on.
    [[gnu::cold]] void traceTimeoutComputed(std::optional<Duration> timeout, const char* reason);
    [[gnu::cold]] void traceWaitBegin(std::optional<Duration> timeout);
    [[gnu::cold]] void traceWaitEnd();
    [[gnu::cold]] void traceReadyDispatch();
    [[gnu::cold]] void traceHandlerCalled(int fd, const Handler& handler, const char* event);

    // Registration bookkeeping (reactor_handlers.cpp).
    enum class Direction { read, write };
    void changeInterest(Handler& handler, Direction direction, bool wanted);
    std::map<int, Registration>::iterator findRegistration(const Handler& handler);

    std::unique_ptr<Clock> ownClock_;  // set when no clock was given
    Clock* clock_;
    Tracer tracer_;
    std::unique_ptr<Backend> backend_;
    TimerQueue timers_;
    std::map<int, Registration> registrations_;  // by fd
    std::vector<Readiness> ready_;               // the last wait's result, reused each turn
    std::vector<std::function<void()>> startupCalls_;
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
