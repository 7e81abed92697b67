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
// with null), so its Failure counts as handled. cancel() on the coroutine's Deferred cancels
// the Deferred it is waiting on. A coroutine must end with co_return (co_return nullptr; for
// "no value"). One that awaits a Deferred that is never fired stays suspended, and its frame is
// never freed: as for a Python generator, nothing resumes it.
// Compiler note: GCC 12 destroys some temporaries of a co_await expression twice (a lambda with
// captures, passed in the same expression, was freed twice in lesson 05). Name the Deferred
// first (`Deferred d = f(...); co_await d;`) when its arguments are lambdas.
// Taught in lessons/05-deferreds; tested in tests/deferred/coroutine_test.cpp.
#pragma once

#include <coroutine>
#include <memory>
#include <optional>

#include "deferred/deferred.h"
#include "deferred/deferred_state.h"

namespace lab {

namespace detail {

struct DeferredPromise {
    // The Deferred this coroutine is waiting on, for cancel() to forward to.
    std::shared_ptr<std::weak_ptr<Deferred::State>> awaiting = std::make_shared<std::weak_ptr<Deferred::State>>();
    Deferred deferred{[awaiting = awaiting](Deferred&) {
                          if (auto state = awaiting->lock()) DeferredAccess::handle(state).cancel();
                      },
                      "coroutine"};

    Deferred get_return_object() { return deferred; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }

    void return_value(Outcome outcome) {
        // Already fired: it was cancelled and the coroutine carried on anyway. Nothing to report to.
        if (deferred.called()) return;
        if (outcome.isDeferred()) {
            outcome.deferred().chainDeferred(deferred);
        } else if (outcome.result().isFailure()) {
            deferred.errback(outcome.result().takeFailure());
        } else {
            deferred.callback(outcome.result().takeValue());
        }
    }
    void unhandled_exception() {
        if (!deferred.called()) deferred.errback();
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
            *coroutine.promise().awaiting = DeferredAccess::state(awaited);
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
