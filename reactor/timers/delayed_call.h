// DelayedCall: a function scheduled to run at a time (Twisted's base.DelayedCall), returned by
// Reactor::callLater. The TimerQueue owns the schedule; the caller may keep the handle to
// cancel(), reset() or delay() the call while it is still active().
//
// States: pending -> called (it ran) or pending -> cancelled. Once it left "pending", cancel,
// reset and delay raise AlreadyCalled or AlreadyCancelled, as in Twisted. The call is marked
// called *before* its function runs, so inside its own function active() is already false.
// Taught in lessons/01-event-loop; tested in tests/timers/delayed_call_test.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <source_location>
#include <stdexcept>

#include "clock/clock.h"

namespace lab {

// cancel/reset/delay on a DelayedCall that has already run (Twisted's error.AlreadyCalled: its
// errors module is one file; ours are beside what raises them).
struct AlreadyCalled : std::logic_error {
    using std::logic_error::logic_error;
};

// cancel/reset/delay on a DelayedCall that was cancelled (Twisted: AlreadyCancelled).
struct AlreadyCancelled : std::logic_error {
    using std::logic_error::logic_error;
};

class TimerQueue;

class DelayedCall {
public:
    DelayedCall(std::uint64_t id, TimePoint time, std::uint64_t sequence, std::function<void()> fn,
                std::source_location where, TimerQueue* queue);

    // Stable logical id, "timer 3" in traces.
    std::uint64_t id() const { return id_; }
    // When it is due to run.
    TimePoint getTime() const { return time_; }
    // Neither called nor cancelled yet.
    bool active() const { return state_ == State::pending; }
    bool called() const { return state_ == State::called; }
    bool cancelled() const { return state_ == State::cancelled; }
    // Where callLater was called from.
    const std::source_location& where() const { return where_; }

    void cancel();
    // Run `fromNow` after the current time instead.
    void reset(Duration fromNow);
    // Run `later` after the time it is currently due (negative moves it earlier).
    void delay(Duration later);

private:
    friend class TimerQueue;
    enum class State { pending, called, cancelled };

    void checkActive(const char* operation) const;

    std::uint64_t id_;
    TimePoint time_;
    // Scheduling order, the tie-break between equal times: (time, sequence) orders the queue.
    std::uint64_t sequence_;
    std::function<void()> fn_;  // released once called or cancelled, so captures do not linger
    std::source_location where_;
    State state_ = State::pending;
    TimerQueue* queue_;  // the queue that holds it while pending; nullptr once that queue is gone
};

}  // namespace lab
