// Clock: where the reactor reads the time, and whether waiting takes real time.
//
//   SystemClock  std::chrono::steady_clock, measured from the clock's creation (never wall time:
//                a clock that jumps when the system time is set would fire timers early or late).
//   ManualClock  logical time that moves only when told (Twisted's task.Clock). Under it the
//                reactor never blocks: a wait that finds nothing ready jumps the clock to the end
//                of the wait, straight to the next timer. That is what makes lesson traces
//                byte-identical on every run.
//
// Taught in lessons/01-event-loop; tested in tests/core/clock_test.cpp.
#pragma once

#include <chrono>
#include <string_view>

namespace lab {

class Clock;
using Duration = std::chrono::nanoseconds;
// A point in time on a reactor Clock: nanoseconds since that clock's own epoch.
using TimePoint = std::chrono::time_point<Clock, Duration>;

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
    // "system" or "manual": recorded in the trace header.
    virtual std::string_view kind() const = 0;
    // True when a backend wait really blocks for its timeout; false for logical time.
    virtual bool waitsForReal() const = 0;
    // A wait with this timeout found nothing ready: logical clocks move forward by it.
    virtual void sleptFor(Duration timeout) = 0;
};

class SystemClock final : public Clock {
public:
    SystemClock();
    TimePoint now() const override;
    std::string_view kind() const override { return "system"; }
    bool waitsForReal() const override { return true; }
    void sleptFor(Duration) override {}  // the real wait already took that time

private:
    std::chrono::steady_clock::time_point epoch_;
};

class ManualClock final : public Clock {
public:
    TimePoint now() const override { return now_; }
    std::string_view kind() const override { return "manual"; }
    bool waitsForReal() const override { return false; }
    void sleptFor(Duration timeout) override { advance(timeout); }

    // Move time forward (Twisted's Clock.advance). Time never goes backwards.
    void advance(Duration amount);

private:
    TimePoint now_{};
};

}  // namespace lab
