// LoopingCall; see looping_call.h.
#include "deferred/looping_call.h"

#include <optional>
#include <stdexcept>

#include "core/reactor.h"

namespace lab {

struct LoopingCall::State : std::enable_shared_from_this<LoopingCall::State> {
    Reactor* reactor;
    Body body;
    Duration interval{};
    TimePoint startTime{};
    std::optional<TimePoint> lastCallTime;  // when the function last ran
    bool runAtStart = false;
    bool running = false;
    std::uint64_t calls = 0;
    std::optional<Deferred> deferred;       // start()'s Deferred while the loop runs
    std::shared_ptr<DelayedCall> nextCall;  // pending timer, if any

    // The number of whole intervals between start and t.
    std::int64_t intervalOf(TimePoint t) const { return (t - startTime) / interval; }
    void callNow();
    void scheduleFrom(TimePoint when);
    void finish(Result result);
};

LoopingCall::LoopingCall(Reactor& reactor, Body body, int) : state_(std::make_shared<State>()) {
    state_->reactor = &reactor;
    state_->body = std::move(body);
}

Deferred LoopingCall::start(Duration interval, bool now) {
    if (state_->running) throw std::logic_error("LoopingCall::start: it is already running");
    if (interval < Duration::zero()) throw std::invalid_argument("LoopingCall::start: interval must be >= 0");
    Deferred d("LoopingCall");
    state_->deferred = d;
    state_->running = true;
    state_->interval = interval;
    state_->startTime = state_->reactor->now();
    state_->lastCallTime.reset();
    state_->runAtStart = now;
    if (now) {
        state_->callNow();
    } else {
        state_->scheduleFrom(state_->startTime);
    }
    return d;  // kept here: the first call may already have stopped the loop and fired it
}

void LoopingCall::stop() {
    if (!state_->running) throw std::logic_error("LoopingCall::stop: it is not running");
    state_->running = false;
    // No next call: the function runs, or its Deferred is pending; its end fires (looping_call.h).
    if (!state_->nextCall) return;
    state_->nextCall->cancel();
    state_->nextCall.reset();
    state_->finish(Result(Value(state_->calls)));
}

void LoopingCall::reset() {
    if (!state_->running) throw std::logic_error("LoopingCall::reset: it is not running");
    if (state_->nextCall) {
        state_->nextCall->cancel();
        state_->nextCall.reset();
        state_->startTime = state_->reactor->now();
        state_->scheduleFrom(state_->startTime);
    }
}

bool LoopingCall::running() const { return state_->running; }
Duration LoopingCall::interval() const { return state_->interval; }
std::uint64_t LoopingCall::calls() const { return state_->calls; }

void LoopingCall::State::callNow() {
    nextCall.reset();
    TimePoint now = reactor->now();
    std::uint64_t count = 1;
    if (interval > Duration::zero()) {
        // Before the first call, pretend the last one was one interval before the start (when
        // starting with a call now) or at the start itself.
        TimePoint last = lastCallTime ? *lastCallTime : runAtStart ? startTime - interval : startTime;
        count = static_cast<std::uint64_t>(intervalOf(now) - intervalOf(last));
    }
    lastCallTime = now;
    ++calls;
    auto self = shared_from_this();
    Deferred outcome = maybeDeferred([&] { return body(count); });
    outcome.addCallbacks(
        [self](const Value&) {
            if (self->running) {
                self->scheduleFrom(self->reactor->now());
            } else {
                self->finish(Result(Value(self->calls)));
            }
        },
        [self](Failure failure) {
            self->running = false;
            self->finish(Result(std::move(failure)));
        },
        "LoopingCall: schedule the next call");
}

// The next call goes on the next point of the grid start + k * interval strictly after `when`,
// so late calls do not push the later ones back, and missed points are skipped.
void LoopingCall::State::scheduleFrom(TimePoint when) {
    Duration delay = Duration::zero();
    if (interval > Duration::zero()) {
        Duration untilNext = interval - (when - startTime) % interval;
        delay = when + untilNext - reactor->now();
    }
    auto self = shared_from_this();
    nextCall = reactor->callLater(delay, [self] { self->callNow(); });
}

void LoopingCall::State::finish(Result result) {
    // Defensive: every path fires start()'s Deferred once, but an empty one must not crash.
    if (!deferred) return;
    Deferred d = *deferred;
    deferred.reset();
    if (result.isFailure()) {
        d.errback(result.takeFailure());
    } else {
        d.callback(result.takeValue());
    }
}

}  // namespace lab
