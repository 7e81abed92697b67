// Deferred::addTimeout (Twisted's Deferred.addTimeout): cancel the Deferred if it has not fired
// within `timeout`, and report that as a TimeoutError rather than a CancelledError.
//
// Two pairs go on the end of the chain: the first, after our own timeout only, hands the result
// to onTimeoutCancel, by default turning a CancelledError into TimeoutError (a cancel from
// anyone else stays a CancelledError); the second stops the timer once the Deferred fired by
// itself. Taught in lessons/06-time;
// tested in tests/deferred/timing_test.cpp.
#include <memory>
#include <string>

#include "core/reactor.h"
#include "deferred/deferred.h"
#include "deferred/deferred_state.h"
#include "deferred/deferred_tracing.h"

namespace lab {

namespace {
// Twisted's _cancelledToTimedOutError.
Outcome cancelledToTimeoutError(Result result, Duration timeout) {
    if (result.isFailure() && result.failure().check<CancelledError>()) {
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(timeout).count();
        return Failure(TimeoutError("deferred timed out after " + std::to_string(ms) + " ms"));
    }
    return result;
}
}  // namespace

Deferred& Deferred::addTimeout(Duration timeout, Reactor& reactor, OnTimeoutCancel onTimeoutCancel,
                               std::source_location where) {
    if (!onTimeoutCancel) onTimeoutCancel = cancelledToTimeoutError;
    auto timedOut = std::make_shared<bool>(false);
    // The timer owns the Deferred until it fires or is cancelled, as the reactor owns Twisted's
    // timeItOut closure; the second pair below cancels the timer, which breaks that link.
    Deferred self = *this;
    std::shared_ptr<DelayedCall> timer = reactor.callLater(
        timeout,
        [self, timedOut, timeout]() mutable {
            *timedOut = true;
            // Recorded before the cancel, so the trace reads: timed out, then cancelled because of it.
            if (Tracer* tracer = DeferredTracing::current()) {
                tracer->emit(kind::deferredTimedOut, {{"deferred", self.id()}, {"timeout_ns", timeout}});
            }
            self.cancel();
        },
        where);
    addBoth(
        [timedOut, timeout, onTimeoutCancel = std::move(onTimeoutCancel)](Result result) -> Outcome {
            if (*timedOut) return onTimeoutCancel(std::move(result), timeout);
            return result;
        },
        "addTimeout: timed out?", where);
    addBoth(
        [timer](Result result) {
            if (timer->active()) timer->cancel();
            return result;
        },
        "addTimeout: stop the timer", where);
    return *this;
}

}  // namespace lab
