// Deferred::State: the data behind a Deferred handle, for the library's own files
// (deferred.cpp, run_callbacks.cpp, coroutine support). Users see only the handle.
//
// Ownership: handles and the continuations of inner Deferreds own a State (shared_ptr). An outer
// Deferred refers to the inner one it waits on only weakly: the inner one is kept alive by
// whoever will fire it, and if nobody will, nothing can happen and both may go.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <source_location>
#include <string>

#include "deferred/deferred.h"

namespace lab {

struct Deferred::State {
    // One (callback, errback) pair. A missing side passes the result through unchanged.
    // A continuation pair (Twisted's _CONTINUE) has no callbacks: it hands this Deferred's result
    // to `continuation`, the outer Deferred waiting on this one.
    struct Pair {
        Callback callback;
        Callback errback;
        std::shared_ptr<State> continuation;
        std::uint64_t number = 0;  // 1, 2, ... in the order added; "pair 2" in traces
        std::string label;
    };

    State(std::string label, std::source_location where, Canceller canceller);
    ~State();

    std::uint64_t id;
    std::string label;
    std::source_location where;
    Canceller canceller;
    std::deque<Pair> pairs;  // not yet run, in order
    // The current result. Empty before firing, while a callback runs (it owns it then) and
    // while waiting on an inner Deferred.
    std::optional<Result> result;
    // The inner Deferred this one is paused on, or the one whose chainDeferred will fire it
    // (chainedTo(), Twisted's _chainedTo); reset when this one's callbacks run again.
    std::weak_ptr<State> waitingOn;
    std::uint64_t pairsAdded = 0;
    unsigned paused = 0;             // pause() count, plus one while waiting on an inner Deferred
    bool called = false;
    bool runningCallbacks = false;   // a callback of this Deferred is on the stack (no re-entry)
    bool suppressAlreadyCalled = false;  // cancelled without a canceller: eat one late firing
    // cancel() only calls the canceller, and only while unfired: no CancelledError of its own
    // (a DeferredList, whose inputs decide its result, as Twisted's DeferredList.cancel).
    bool cancellerDecides = false;
    // The chain stopped with a Failure that nothing handled yet: reported if it is destroyed so.
    bool failureUnhandled = false;
};

// The library's way to get at a handle's State (and back).
struct DeferredAccess {
    static const std::shared_ptr<Deferred::State>& state(const Deferred& d) { return d.state_; }
    static Deferred handle(std::shared_ptr<Deferred::State> state) { return Deferred(std::move(state)); }
    // Run the chain from `start` (run_callbacks.cpp).
    static void runCallbacks(const std::shared_ptr<Deferred::State>& start);
};

}  // namespace lab
