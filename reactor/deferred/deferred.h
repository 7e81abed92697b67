// Deferred: a result that is not there yet, and the chain of callbacks that will process it
// (Twisted's defer.Deferred, with its exact semantics).
//
// A Deferred holds pairs of (callback, errback). When it fires, its Result runs down the pairs:
// a value goes to the next callback, a Failure to the next errback. A callback that throws turns
// the result into a Failure; an errback that returns a value turns it back. One that returns an
// unfired Deferred pauses this chain until that one fires, then carries on with its result.
// Chains of any length run in a loop, never by recursion (deferred/run_callbacks.cpp).
//
// Deferred is a shared handle: copies name the same Deferred, because callbacks return it and
// other Deferreds wait on it. Not here: DeferredList (deferred_list.h), coroutines
// (coroutine.h), LoopingCall (deferred/looping_call.h), tracing scope (deferred_tracing.h).
// Taught in lessons/05-deferreds and 07-errors; tested in tests/deferred/deferred_test.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <source_location>
#include <string>
#include <type_traits>
#include <variant>

#include "clock/clock.h"
#include "deferred/errors.h"
#include "deferred/failure.h"
#include "deferred/result.h"

namespace lab {

class Outcome;
class Reactor;

class Deferred {
public:
    // One side of a pair, as stored (a callback, whichever side it is on, as in Twisted's
    // _runCallbacks): it takes the current Result and hands on an Outcome.
    using Callback = std::function<Outcome(Result)>;
    // Called by cancel() on an unfired Deferred: should stop the work and may fire it.
    // Released when the Deferred fires (it can never be called after that).
    using Canceller = std::function<void(Deferred&)>;

    explicit Deferred(std::string label = {}, std::source_location where = std::source_location::current());
    explicit Deferred(Canceller canceller, std::string label = {},
                      std::source_location where = std::source_location::current());

    // Add a pair. The label names it in traces; by default it is "file.cpp:line" of the call.
    // A callback takes the value (a Value, or anything a Value converts to), an errback a
    // Failure, a "both" callback the Result. Each may return nothing (null), a value, a Failure,
    // a Result or a Deferred to wait for.
    template <typename F>
    Deferred& addCallback(F f, std::string label = {}, std::source_location where = std::source_location::current());
    template <typename F>
    Deferred& addErrback(F f, std::string label = {}, std::source_location where = std::source_location::current());
    template <typename F>
    Deferred& addBoth(F f, std::string label = {}, std::source_location where = std::source_location::current());
    template <typename F, typename G>
    Deferred& addCallbacks(F callback, G errback, std::string label = {},
                           std::source_location where = std::source_location::current());
    // Fire `other` with whatever reaches this point of the chain (which then continues with null).
    Deferred& chainDeferred(Deferred other, std::source_location where = std::source_location::current());
    // What a timeout makes of the result it cancelled into: given that result (a CancelledError
    // Failure, unless a canceller or an earlier pair made it something else) and the timeout.
    using OnTimeoutCancel = std::function<Outcome(Result, Duration)>;
    // Cancel this Deferred unless it fires first (add_timeout.cpp). After a timeout, the result
    // goes through onTimeoutCancel; by default a CancelledError becomes a TimeoutError and
    // anything else passes unchanged (Twisted's onTimeoutCancel and _cancelledToTimedOutError).
    Deferred& addTimeout(Duration timeout, Reactor& reactor, OnTimeoutCancel onTimeoutCancel = nullptr,
                         std::source_location where = std::source_location::current());

    // Fire it. AlreadyCalledError if it already fired (except once after a cancel(), as in
    // Twisted, so the cancelled operation may still report its late result harmlessly).
    void callback(Value value);
    void errback(Failure failure);
    template <typename E>
        requires std::derived_from<std::decay_t<E>, std::exception>
    void errback(E&& error) {
        errback(Failure(std::forward<E>(error)));
    }
    // Inside a catch block: fire with the exception being handled.
    void errback();

    // While paused (a count: every pause() needs its unpause()), callbacks do not run.
    void pause();
    void unpause();
    // Unfired: call the canceller, then, if still unfired, errback with CancelledError.
    // Waiting on an inner Deferred: cancel that one instead. Already finished: nothing.
    void cancel();

    bool called() const;       // callback() or errback() happened
    bool hasResult() const;    // called, and not waiting on an inner Deferred or running a callback
    bool isPaused() const;
    // The Deferred this one waits on, if any (Twisted's _chainedTo): the inner Deferred a
    // callback returned, until it resumes this one; or, after other.chainDeferred(*this), that
    // other one, until it fires this one. Empty when that Deferred no longer exists.
    std::optional<Deferred> chainedTo() const;
    // The current result (Twisted tests read d.result). Precondition: hasResult().
    const Result& result() const;
    // "deferred 3" in traces; ids start at 1 in each DeferredTracing scope.
    std::uint64_t id() const;
    const std::string& label() const;
    bool operator==(const Deferred& other) const { return state_ == other.state_; }

    struct State;  // defined in deferred/deferred_state.h, for the library's own files

private:
    friend class Outcome;
    friend struct DeferredAccess;
    explicit Deferred(std::shared_ptr<State> state) : state_(std::move(state)) {}
    Deferred& addPair(Callback callback, Callback errback, const char* side, std::string label, std::source_location where);
    void fire(Result result);

    std::shared_ptr<State> state_;  // never null
};

// What a callback hands on: a Result for the next one, or a Deferred to wait for.
class Outcome {
public:
    Outcome(Result result) : data_(std::move(result)) {}
    Outcome(Failure failure) : data_(Result(std::move(failure))) {}
    Outcome(Deferred deferred) : data_(std::move(deferred)) {}
    template <typename T>
        requires(!std::is_same_v<std::remove_cvref_t<T>, Outcome> && !std::is_same_v<std::remove_cvref_t<T>, Result> &&
                 !std::is_same_v<std::remove_cvref_t<T>, Failure> && !std::is_same_v<std::remove_cvref_t<T>, Deferred> &&
                 std::is_constructible_v<Value, T>)
    Outcome(T&& value) : data_(Result(Value(std::forward<T>(value)))) {}

    bool isDeferred() const { return std::holds_alternative<Deferred>(data_); }
    Deferred& deferred() { return std::get<Deferred>(data_); }
    Result& result() { return std::get<Result>(data_); }

private:
    std::variant<Result, Deferred> data_;
};

// A Deferred that has already fired (Twisted's succeed and fail).
Deferred succeed(Value value, std::source_location where = std::source_location::current());
Deferred fail(Failure failure, std::source_location where = std::source_location::current());

namespace detail {
// Call a user's callback and make its return an Outcome; one that returns nothing hands on null,
// as a Python function that returns None does.
template <typename F, typename Arg>
Outcome invokeCallback(F& f, Arg&& arg) {
    if constexpr (std::is_void_v<std::invoke_result_t<F&, Arg>>) {
        std::invoke(f, std::forward<Arg>(arg));
        return Outcome(Value());
    } else {
        return Outcome(std::invoke(f, std::forward<Arg>(arg)));
    }
}

template <typename F>
Deferred::Callback onCallbackSide(F f) {
    static_assert(std::is_invocable_v<F&, Value>, "addCallback: the callback must accept the value (a lab::Value)");
    return [f = std::move(f)](Result result) mutable { return invokeCallback(f, result.takeValue()); };
}

template <typename F>
Deferred::Callback onErrbackSide(F f) {
    static_assert(std::is_invocable_v<F&, Failure>, "addErrback: the errback must accept a lab::Failure");
    return [f = std::move(f)](Result result) mutable { return invokeCallback(f, result.takeFailure()); };
}
}  // namespace detail

// Call f now and give its outcome as a Deferred: a thrown exception becomes a failed Deferred,
// a returned Deferred is given back as it is (Twisted's maybeDeferred).
template <typename F>
Deferred maybeDeferred(F f, std::source_location where = std::source_location::current()) {
    try {
        Outcome outcome = [&]() -> Outcome {
            if constexpr (std::is_void_v<std::invoke_result_t<F&>>) {
                f();
                return Outcome(Value());
            } else {
                return Outcome(f());
            }
        }();
        if (outcome.isDeferred()) return outcome.deferred();
        Result& result = outcome.result();
        return result.isFailure() ? fail(result.takeFailure(), where) : succeed(result.takeValue(), where);
    } catch (...) {
        return fail(Failure(std::current_exception()), where);
    }
}

template <typename F>
Deferred& Deferred::addCallback(F f, std::string label, std::source_location where) {
    return addPair(detail::onCallbackSide(std::move(f)), nullptr, "callback", std::move(label), where);
}

template <typename F>
Deferred& Deferred::addErrback(F f, std::string label, std::source_location where) {
    return addPair(nullptr, detail::onErrbackSide(std::move(f)), "errback", std::move(label), where);
}

template <typename F>
Deferred& Deferred::addBoth(F f, std::string label, std::source_location where) {
    static_assert(std::is_invocable_v<F&, Result>, "addBoth: the callback must accept a lab::Result");
    // One function on both sides: it is copied, so each side has its own.
    Callback both = [f = std::move(f)](Result result) mutable { return detail::invokeCallback(f, std::move(result)); };
    return addPair(both, both, "both", std::move(label), where);
}

template <typename F, typename G>
Deferred& Deferred::addCallbacks(F callback, G errback, std::string label, std::source_location where) {
    return addPair(detail::onCallbackSide(std::move(callback)), detail::onErrbackSide(std::move(errback)), "callbacks",
                   std::move(label), where);
}

}  // namespace lab
