// The chain runner: how a Result travels down the pairs of a Deferred, and on into the outer
// Deferreds that wait on it, without recursion (Twisted's Deferred._runCallbacks).
//
// The picture: `chain` is a stack of Deferreds. The top one runs its pairs in order. When a callback
// returns an unfired Deferred (the "inner" one), the top one pauses and leaves a continuation
// pair at the end of the inner one's pairs. When the inner one later reaches that pair, it hands
// its result to the outer one and pushes it on the stack, and the loop carries on there. A long
// line of Deferreds therefore grows a vector, never the C++ call stack.
// Taught in lessons/05-deferreds; tested in tests/deferred/deferred_test.cpp and long_chain_test.cpp.
#include <string>
#include <vector>

#include "deferred/deferred_state.h"
#include "deferred/deferred_tracing.h"

namespace lab {

namespace {
using State = Deferred::State;

const char* sideFor(const Result& result) { return result.isFailure() ? "errback" : "callback"; }

// Run one callback on the current result; an exception it throws becomes a Failure.
Outcome runCallback(State& current, Deferred::Callback& callback) {
    Result input = std::move(*current.result);
    current.result.reset();  // the callback owns the result while it runs
    current.runningCallbacks = true;
    Outcome outcome = Result();
    try {
        outcome = callback(std::move(input));
    } catch (...) {
        outcome = Failure(std::current_exception());
    }
    current.runningCallbacks = false;
    return outcome;
}

// A continuation pair was reached: give our result to the outer Deferred that waits on us.
void handOn(State& inner, State& outer) {
    outer.result = std::move(*inner.result);
    inner.result = Result();  // as in Twisted, the inner Deferred is left holding null
    inner.failureUnhandled = false;
    --outer.paused;
    if (Tracer* tracer = DeferredTracing::current()) {
        std::string text = outer.result->summary();
        tracer->emit(kind::deferredResumed, {{"deferred", outer.id}, {"from", inner.id}, {"result", text}});
    }
}

// A callback returned a Deferred. Take its result if it has one ready (true); otherwise pause
// `current` until it fires (false). `self` is the shared owner of `current`.
bool takeOrWait(State& current, const std::shared_ptr<State>& self, Deferred returned) {
    std::shared_ptr<State> inner = DeferredAccess::state(returned);
    if (inner == self) {
        current.result = Result(Failure(std::logic_error(
            "a callback of deferred " + std::to_string(current.id) + " returned that same Deferred; it would wait on itself")));
        return true;
    }
    if (inner->result && inner->paused == 0) {
        current.result = std::move(*inner->result);
        inner->result = Result();
        inner->failureUnhandled = false;
        return true;
    }
    ++current.paused;
    current.waitingOn = inner;
    State::Pair continuation{nullptr, nullptr, self, ++inner->pairsAdded, "resume deferred " + std::to_string(current.id)};
    // The inner Deferred is not running this continuation now (it has no result to give, or is
    // paused), so appending directly is safe; its own loop will reach it.
    inner->pairs.push_back(std::move(continuation));
    return false;
}

void traceCallbackRan(State& current, const State::Pair& pair, const char* side, const std::string& input,
                      const char* next) {
    Tracer* tracer = DeferredTracing::current();
    if (!tracer) return;
    std::string output = current.result ? current.result->summary() : std::string();
    TraceValue outputValue = current.result ? TraceValue(output) : TraceValue(nullptr);
    tracer->emit(kind::deferredCallbackRan, {{"deferred", current.id}, {"pair", pair.number}, {"side", side},
                                         {"label", pair.label}, {"input", input}, {"output", outputValue},
                                         {"next", next}});
}
// After a callback returned an unfired Deferred: the pause, and the continuation left on the inner one.
void tracePause(State& current) {
    Tracer* tracer = DeferredTracing::current();
    std::shared_ptr<State> inner = current.waitingOn.lock();
    if (!tracer || !inner) return;
    const State::Pair& continuation = inner->pairs.back();
    tracer->emit(kind::deferredPaused, {{"deferred", current.id}, {"on", inner->id}});
    tracer->emit(kind::deferredPairAdded, {{"deferred", inner->id}, {"pair", continuation.number},
                                           {"side", "continuation"}, {"label", continuation.label},
                                           {"at", sourceText(current.where)}});
}
}  // namespace

void DeferredAccess::runCallbacks(const std::shared_ptr<State>& start) {
    // Already running further up the stack: that loop will see the new pairs or result.
    if (start->runningCallbacks) return;
    std::vector<std::shared_ptr<State>> chain{start};
    while (!chain.empty()) {
        std::shared_ptr<State> self = chain.back();
        State& current = *self;
        // Paused: no result comes out of it now; whoever waits on it keeps waiting.
        if (current.paused > 0) return;
        current.waitingOn.reset();
        bool finished = true;
        while (!current.pairs.empty()) {
            State::Pair pair = std::move(current.pairs.front());
            current.pairs.pop_front();
            if (pair.continuation) {
                handOn(current, *pair.continuation);
                chain.push_back(std::move(pair.continuation));
                finished = false;  // come back to `current` after the outer one is done
                break;
            }
            const char* side = sideFor(*current.result);
            Deferred::Callback& callback = current.result->isFailure() ? pair.errback : pair.callback;
            if (!callback) continue;  // nothing on this side: the result passes through
            std::string input = DeferredTracing::current() ? current.result->summary() : std::string();
            Outcome outcome = runCallback(current, callback);
            bool ready = true;
            if (outcome.isDeferred()) {
                ready = takeOrWait(current, self, outcome.deferred());
            } else {
                current.result = std::move(outcome.result());
            }
            traceCallbackRan(current, pair, side, input, ready ? sideFor(*current.result) : "wait");
            if (!ready) {
                tracePause(current);
                break;
            }
        }
        if (finished) {
            // Whatever is left is the chain's result for now; a Failure here is unhandled until
            // another errback takes it (reported if the Deferred is destroyed first).
            current.failureUnhandled = current.result && current.result->isFailure();
            chain.pop_back();
        }
    }
}

}  // namespace lab
