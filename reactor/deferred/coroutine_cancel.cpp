// cancel() on a coroutine's Deferred; see coroutine_cancel.h. Twisted's
// _addCancelCallbackToDeferred and _handleCancelInlineCallbacks, step for step, so a trace of
// either reads the same.
//
// Why so roundabout: cancel() on an unfired Deferred errbacks it with CancelledError unless the
// canceller fired it. But the coroutine may catch the CancelledError thrown into it and go on
// (await something else, return a value), and then its Deferred must not have failed already.
// So the canceller fires the coroutine's Deferred D at once, with an internal error that the
// first pair (put in front of the user's pairs) turns into a wait on a new Deferred D2; the
// coroutine will fire D2 when it ends, and D carries on with that. Then the awaited Deferred is
// cancelled. A second cancel() on D finds it waiting on D2 and cancels D2, whose canceller is
// this one again: it cancels whatever the coroutine awaits by then.
#include <stdexcept>
#include <string>
#include <utility>

#include "deferred/coroutine_cancel.h"
#include "deferred/deferred_tracing.h"

namespace lab::detail {

namespace {
// Twisted's _InternalInlineCallbacksCancelledError: only ever seen by the first pair below.
struct CoroutineCancelled : std::runtime_error {
    CoroutineCancelled() : std::runtime_error("cancel() on a coroutine's Deferred: the Deferred it awaits is cancelled next") {}
};

// Put `errback` before every pair already on `d` (Twisted swaps d.callbacks for that).
void addFirstErrback(Deferred& d, Deferred::Callback errback, std::string label) {
    Deferred::State& state = *DeferredAccess::state(d);
    Deferred::State::Pair pair{nullptr, std::move(errback), nullptr, ++state.pairsAdded, std::move(label)};
    if (Tracer* tracer = DeferredTracing::current()) {
        tracer->emit(kind::deferredPairAdded, {{"deferred", state.id}, {"pair", pair.number}, {"side", "errback"},
                                               {"label", pair.label}, {"at", sourceText(state.where)}});
    }
    state.pairs.push_front(std::move(pair));
}
}  // namespace

Deferred::Canceller coroutineCanceller(std::weak_ptr<CoroutineStatus> weakStatus) {
    return [weakStatus](Deferred& d) {
        std::shared_ptr<CoroutineStatus> status = weakStatus.lock();
        // Not suspended on anything (the coroutine cancels its own Deferred while it runs, or
        // has ended): nothing to forward to, so cancel() fails D with CancelledError itself.
        if (!status || status->waitingOn.expired()) return;
        addFirstErrback(
            d,
            [weakStatus](Result result) -> Outcome {
                result.failure().trap<CoroutineCancelled>();
                std::shared_ptr<CoroutineStatus> status = weakStatus.lock();
                if (!status) return result;
                Deferred next(coroutineCanceller(weakStatus), "coroutine");
                status->deferred = next;
                if (auto awaited = status->waitingOn.lock()) DeferredAccess::handle(awaited).cancel();
                return next;
            },
            "coroutine: cancel what it awaits");
        d.errback(CoroutineCancelled());
    };
}

}  // namespace lab::detail
