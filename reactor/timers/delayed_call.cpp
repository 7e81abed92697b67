// DelayedCall; see delayed_call.h. The schedule itself is changed by the TimerQueue.
#include "timers/delayed_call.h"

#include <stdexcept>
#include <string>
#include <utility>

#include "timers/timer_queue.h"

namespace lab {

DelayedCall::DelayedCall(std::uint64_t id, TimePoint time, std::uint64_t sequence, std::function<void()> fn,
                         std::source_location where, TimerQueue* queue)
    : id_(id), time_(time), sequence_(sequence), fn_(std::move(fn)), where_(where), queue_(queue) {}

void DelayedCall::checkActive(const char* operation) const {
    const std::string what = std::string("DelayedCall::") + operation + " on timer " + std::to_string(id_);
    if (state_ == State::called) throw AlreadyCalled(what + ": it has already run");
    if (state_ == State::cancelled) throw AlreadyCancelled(what + ": it was cancelled");
    if (queue_ == nullptr) throw std::logic_error(what + ": its reactor no longer exists");
}

void DelayedCall::cancel() {
    checkActive("cancel");
    queue_->cancel(*this);
}

void DelayedCall::reset(Duration fromNow) {
    checkActive("reset");
    queue_->reschedule(*this, queue_->now() + fromNow);
}

void DelayedCall::delay(Duration later) {
    checkActive("delay");
    queue_->reschedule(*this, time_ + later);
}

}  // namespace lab
