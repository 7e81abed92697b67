// TimerQueue: the pending DelayedCalls, ordered by (time, sequence).
//
// Equal times fire in the order they were scheduled: a deliberate difference from Twisted, whose
// heap promises no order among equal times. reset() and delay() count as scheduling anew.
// The queue is an ordered map rather than a binary heap because cancel() and reset() must
// remove an entry from the middle: with a map that is one erase, with a heap it is lazy
// deletion and compaction (what Twisted does), more code for a learner to read.
//
// popDue() takes only calls scheduled before the current "run due timers" phase began, so a
// timer that schedules callLater(0) cannot starve the loop (Twisted's _newTimedCalls).
// Taught in lessons/01-event-loop; tested in tests/timers/timer_queue_test.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <source_location>
#include <utility>

#include "clock/clock.h"
#include "trace/tracer.h"
#include "timers/delayed_call.h"

namespace lab {

class TimerQueue {
public:
    TimerQueue(const Clock& clock, Tracer& tracer) : clock_(clock), tracer_(tracer) {}
    ~TimerQueue();
    TimerQueue(const TimerQueue&) = delete;
    TimerQueue& operator=(const TimerQueue&) = delete;

    std::shared_ptr<DelayedCall> schedule(Duration delay, std::function<void()> fn, std::source_location where);

    // The earliest pending time, if any.
    std::optional<TimePoint> nextTime() const;
    // How many calls a phase starting now would run.
    std::size_t countDue(TimePoint now) const;
    // A call taken off the queue to run: the handle (now marked called) and its function.
    struct DueCall {
        std::shared_ptr<DelayedCall> call;
        std::function<void()> fn;
    };
    // Takes the next due call, or returns nullopt when none is due. Only calls whose sequence
    // is below `sequenceLimit` count (see above).
    std::optional<DueCall> popDue(TimePoint now, std::uint64_t sequenceLimit);
    // Sequence the next scheduled call will get: the limit for a phase that starts now.
    std::uint64_t nextSequence() const { return nextSequence_; }
    std::size_t size() const { return pending_.size(); }

    // Used by DelayedCall; the call has been checked active.
    void cancel(DelayedCall& call);
    void reschedule(DelayedCall& call, TimePoint time);
    TimePoint now() const { return clock_.now(); }

private:
    using Key = std::pair<TimePoint, std::uint64_t>;  // (time, sequence)

    const Clock& clock_;
    Tracer& tracer_;
    std::map<Key, std::shared_ptr<DelayedCall>> pending_;
    std::uint64_t nextSequence_ = 0;
    std::uint64_t nextId_ = 1;
};

}  // namespace lab
