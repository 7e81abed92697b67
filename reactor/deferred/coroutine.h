// Coroutines that return a Deferred: `co_await d` inside them (Twisted's inlineCallbacks and
// `async def` with ensureDeferred).
//
//     Deferred fetchBoth(Reactor& reactor) {
//         Value a = co_await deferLater(reactor, 1s, [] { return 1; });
//         Value b = co_await deferLater(reactor, 1s, [] { return 2; });
//         co_return a.get<int>() + b.get<int>();
//     }
//
// The coroutine starts at once (as ensureDeferred does) and its Deferred fires with what it
// co_returns; an exception that escapes it becomes a Failure. `co_await d` gives d's value, or
// throws the exception of d's Failure into the coroutine, so try/catch works as in Python.
// Awaiting a Deferred that already has its result does not suspend at all: a loop over a
// million fired Deferreds runs in one stack frame. Awaiting takes the result out of d (d is left
// with null), so its Failure counts as handled. cancel() cancels what the coroutine awaits, and
// the coroutine decides its result (coroutine_cancel.h). It must end with co_return (co_return
// nullptr; for "no value"). One that awaits a Deferred that is never fired stays suspended, and
// its frame is never freed: as for a Python generator, nothing resumes it.
// Compiler note: GCC 12 destroys some temporaries of a co_await expression twice (a lambda with
// captures, passed in the same expression, was freed twice in lesson 05). Name the Deferred
// first (`Deferred d = f(...); co_await d;`) when its arguments are lambdas.
// Taught in lessons/05-deferreds and 11-coroutines; tested in tests/deferred/coroutine_test.cpp.
#pragma once

#include <coroutine>
#include <memory>
#include <optional>

#include "deferred/coroutine_cancel.h"
#include "deferred/deferred.h"
#include "deferred/deferred_state.h"

namespace lab {
namespace detail {

struct DeferredPromise {
    std::shared_ptr<CoroutineStatus> status = std::make_shared<CoroutineStatus>();
    // The coroutine's own Deferred (made here, so a trace names this line as where it was made).
    Deferred deferred{coroutineCanceller(status), "coroutine"};

    Deferred get_return_object() { return *(status->deferred = deferred); }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }

    // Both fire status->deferred: the coroutine's own Deferred, or since a cancel() the one that
    // waits on (coroutine_cancel.h). Already fired: the coroutine cancelled itself while running.
    void return_value(Outcome outcome) {
        Deferred target = *status->deferred;
        if (target.called()) return;
        if (outcome.isDeferred()) {
            outcome.deferred().chainDeferred(target);
        } else if (outcome.result().isFailure()) {
            target.errback(outcome.result().takeFailure());
        } else {
            target.callback(outcome.result().takeValue());
        }
    }
    void unhandled_exception() {
        Deferred target = *status->deferred;
        if (!target.called()) target.errback();
    }
};

struct DeferredAwaiter {
    Deferred awaited;
    std::optional<Result> result;

    // Ready when the result is there to take: then the coroutine goes straight on, no recursion.
    bool await_ready() {
        if (!awaited.hasResult() || awaited.isPaused()) return false;
        take(DeferredAccess::state(awaited));
        return true;
    }

    template <typename Promise>
    void await_suspend(std::coroutine_handle<Promise> coroutine) {
        if constexpr (std::is_same_v<Promise, DeferredPromise>) {
            coroutine.promise().status->waitingOn = DeferredAccess::state(awaited);
        }
        awaited.addBoth(
            [this, coroutine](Result r) {
                result = std::move(r);
                // Resuming may run the coroutine to its end and free its frame, this awaiter
                // included: nothing after this line may touch `this`.
                coroutine.resume();
                return Value();
            },
            "co_await");
    }

    Value await_resume() {
        if (result->isFailure()) result->failure().raiseException();
        return result->takeValue();
    }

private:
    void take(const std::shared_ptr<Deferred::State>& state) {
        result = std::move(*state->result);
        state->result = Result();
        state->failureUnhandled = false;
    }
};

}  // namespace detail

inline detail::DeferredAwaiter operator co_await(Deferred d) { return detail::DeferredAwaiter{std::move(d), {}}; }

}  // namespace lab

template <typename... Args>
struct std::coroutine_traits<lab::Deferred, Args...> {
    using promise_type = lab::detail::DeferredPromise;
};
