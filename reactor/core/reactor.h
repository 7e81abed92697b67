// Reactor: the event loop (Twisted's ReactorBase + PosixReactorBase, with one backend).
//
// It owns the timers (callLater), the handler registrations (addReader/addWriter) and a Backend
// that waits for readiness. run() turns runOnce() until stop(); runOnce() is one iteration:
//   run due timers -> compute the timeout -> wait for events -> dispatch ready handlers.
// It does not own sockets, buffers or protocols: those are in reactor/transport and
// reactor/protocol. Taught in lessons 01 (the loop) and 02 (the pattern);
// tested in tests/core/reactor_test.cpp and tests/core/phase_order_test.cpp.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <source_location>
#include <string>
#include <vector>

#include "backends/backend.h"
#include "core/clock.h"
#include "core/selectable.h"
#include "timers/delayed_call.h"
#include "timers/timer_queue.h"
#include "trace/tracer.h"

namespace lab {

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

    // Handler registration. A Selectable must stay alive while registered.
    void addReader(Selectable& selectable);
    void addWriter(Selectable& selectable);
    void removeReader(Selectable& selectable);
    void removeWriter(Selectable& selectable);
    // Stop watching everything; returns what was registered (Twisted's removeAll).
    std::vector<Selectable*> removeAll();
    std::vector<Selectable*> getReaders() const;
    std::vector<Selectable*> getWriters() const;

    TimePoint now() const { return clock_->now(); }
    const Clock& clock() const { return *clock_; }
    std::string_view backendName() const { return backend_->name(); }
    std::size_t pendingTimers() const { return timers_.size(); }
    // For the library's other parts (transports, Deferreds) to record their own events.
    Tracer& tracer() { return tracer_; }

private:
    // Who is registered on a descriptor, and for what.
    struct Registration {
        Selectable* selectable = nullptr;
        bool reading = false;
        bool writing = false;
    };

    // The phases of one iteration, in order (runOnce).
    void runDueTimers();
    std::optional<Duration> computeTimeout();
    void waitForEvents(std::optional<Duration> timeout);
    void dispatchReady();

    void dispatch(const Readiness& readiness);
    void disconnect(Selectable& selectable, std::exception_ptr reason);
    void logError(std::string_view source, std::exception_ptr error);

    // Registration bookkeeping (reactor_handlers.cpp).
    enum class Direction { read, write };
    void changeInterest(Selectable& selectable, Direction direction, bool wanted);
    std::map<int, Registration>::iterator findRegistration(const Selectable& selectable);

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
};

}  // namespace lab
