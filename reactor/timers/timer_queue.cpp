// TimerQueue; see timer_queue.h.
#include "timers/timer_queue.h"

#include <stdexcept>
#include <string>

namespace lab {

namespace {
std::string sourceText(const std::source_location& where) {
    return std::string(where.file_name()) + ":" + std::to_string(where.line());
}
}  // namespace

TimerQueue::~TimerQueue() {
    // Callers may still hold handles; tell them the schedule is gone instead of leaving a
    // dangling pointer behind.
    for (auto& entry : pending_) entry.second->queue_ = nullptr;
}

std::shared_ptr<DelayedCall> TimerQueue::schedule(Duration delay, std::function<void()> fn,
                                                  std::source_location where) {
    if (delay < Duration::zero()) {
        throw std::invalid_argument("callLater: delay must be >= 0, got " + std::to_string(delay.count()) +
                                    " ns (" + sourceText(where) + ")");
    }
    if (!fn) throw std::invalid_argument("callLater: no function given (" + sourceText(where) + ")");
    TimePoint time = clock_.now() + delay;
    auto call = std::make_shared<DelayedCall>(nextId_++, time, nextSequence_++, std::move(fn), where, this);
    pending_.emplace(Key{time, call->sequence_}, call);
    if (tracer_.on()) {
        tracer_.emit(kind::timerScheduled, {{"timer", call->id()}, {"delay_ns", delay}, {"due_ns", time},
                                            {"at", sourceText(where)}});
    }
    return call;
}

std::optional<TimePoint> TimerQueue::nextTime() const {
    if (pending_.empty()) return std::nullopt;
    return pending_.begin()->first.first;
}

std::size_t TimerQueue::countDue(TimePoint now) const {
    std::size_t due = 0;
    for (auto it = pending_.begin(); it != pending_.end() && it->first.first <= now; ++it) ++due;
    return due;
}

std::optional<TimerQueue::DueCall> TimerQueue::popDue(TimePoint now, std::uint64_t sequenceLimit) {
    for (auto it = pending_.begin(); it != pending_.end() && it->first.first <= now; ++it) {
        if (it->first.second >= sequenceLimit) continue;  // scheduled during this phase: next turn
        DueCall due{it->second, std::move(it->second->fn_)};
        pending_.erase(it);
        due.call->state_ = DelayedCall::State::called;
        due.call->queue_ = nullptr;
        return due;
    }
    return std::nullopt;
}

void TimerQueue::cancel(DelayedCall& call) {
    auto node = pending_.extract(Key{call.time_, call.sequence_});
    call.state_ = DelayedCall::State::cancelled;
    call.queue_ = nullptr;
    call.fn_ = nullptr;
    tracer_.emit(kind::timerCancelled, {{"timer", call.id()}});
    // `node` owns the last queue reference; it may destroy `call` when it goes out of scope,
    // after the last use of `call` above.
}

void TimerQueue::reschedule(DelayedCall& call, TimePoint time) {
    auto node = pending_.extract(Key{call.time_, call.sequence_});
    call.time_ = time;
    call.sequence_ = nextSequence_++;
    node.key() = Key{call.time_, call.sequence_};
    pending_.insert(std::move(node));
    tracer_.emit(kind::timerReset, {{"timer", call.id()}, {"due_ns", time}});
}

}  // namespace lab
