// LoopingCall: call a function every `interval`, on the reactor's timers (Twisted's
// task.LoopingCall, with withCount built in).
//
// start(interval, now) returns a Deferred that fires when the loop ends: with the number of calls
// made when stop() is called (Twisted fires with the LoopingCall itself), or with the Failure
// when the function fails. Calls stay on the grid start + k * interval: a call that runs late
// does not shift the later ones. When the loop fell behind (a slow iteration, a blocked
// reactor), intervals are skipped rather than run in a burst, and the function may take the
// count of intervals that passed since its last call (1 when on time) to know what it missed.
// If the function returns a Deferred, the next call is scheduled only once that one fires.
// LoopingCall is a handle: the reactor's timer keeps a running loop alive.
// Taught in lessons/06-time; tested in tests/deferred/timing_test.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>

#include "deferred/deferred.h"

namespace lab {

class Reactor;

class LoopingCall {
public:
    // The function takes the count of intervals since its last call, or nothing.
    using Body = std::function<Outcome(std::uint64_t count)>;

    template <typename F>
    LoopingCall(Reactor& reactor, F f) : LoopingCall(reactor, toBody(std::move(f)), 0) {}

    // Preconditions: not running; interval >= 0. now: make the first call at once.
    Deferred start(Duration interval, bool now = true);
    // Precondition: running. Cancels the next call and fires start()'s Deferred; called while
    // the function runs (or its Deferred is pending), the Deferred fires once that ends, with
    // the function's Failure if it fails (Twisted's testFailAndStop).
    void stop();
    // Start the interval afresh from now (the next call is one interval from now).
    void reset();

    bool running() const;
    Duration interval() const;
    std::uint64_t calls() const;  // how many times the function has been called

    struct State;

private:
    LoopingCall(Reactor& reactor, Body body, int);
    template <typename F>
    static Body toBody(F f) {
        if constexpr (std::is_invocable_v<F&, std::uint64_t>) {
            return [f = std::move(f)](std::uint64_t count) mutable { return detail::invokeCallback(f, count); };
        } else {
            return [f = std::move(f)](std::uint64_t) mutable {
                if constexpr (std::is_void_v<std::invoke_result_t<F&>>) {
                    f();
                    return Outcome(Value());
                } else {
                    return Outcome(f());
                }
            };
        }
    }

    std::shared_ptr<State> state_;
};

}  // namespace lab
