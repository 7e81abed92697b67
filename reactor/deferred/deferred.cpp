// Deferred: creating, adding pairs, firing, pausing, cancelling; see deferred.h.
// The loop that runs the callbacks is in run_callbacks.cpp.
#include "deferred/deferred.h"

#include <iostream>
#include <utility>
#include <vector>

#include "deferred/deferred_state.h"
#include "deferred/deferred_tracing.h"

namespace lab {

namespace {
// What a destroyed State leaves behind that may own other States.
struct Remains {
    std::deque<Deferred::State::Pair> pairs;
    Deferred::Canceller canceller;
};

// A chain of 100,000 Deferreds, each waiting on the next, is a chain of 100,000 owners: freeing
// the first would free the second inside its destructor, and so on, one stack frame each. So the
// outermost destructor collects what the inner ones leave here and frees it in a loop.
struct Graveyard {
    std::vector<Remains> pending;
    bool draining = false;
};
Graveyard graveyard;

void reportUnhandled(const Deferred::State& state) {
    const Failure& failure = state.result->failure();
    std::cerr << "Unhandled error in Deferred " << state.id << " (" << state.label << ", created at "
              << sourceText(state.where) << "):\n"
              << failure.summary() << "\n";
    if (Tracer* tracer = DeferredTracing::current()) {
        tracer->emit(kind::deferredUnhandled,
                     {{"deferred", state.id}, {"label", state.label}, {"failure", failure.summary()}});
    }
}
}  // namespace

Deferred::State::State(std::string label_, std::source_location where_, Canceller canceller_)
    : id(DeferredTracing::nextId()),
      label(label_.empty() ? "deferred " + std::to_string(id) : std::move(label_)),
      where(where_),
      canceller(std::move(canceller_)) {}

Deferred::State::~State() {
    if (failureUnhandled && result && result->isFailure()) reportUnhandled(*this);
    graveyard.pending.push_back(Remains{std::move(pairs), std::move(canceller)});
    if (graveyard.draining) return;
    graveyard.draining = true;
    while (!graveyard.pending.empty()) {
        Remains remains = std::move(graveyard.pending.back());
        graveyard.pending.pop_back();
        // `remains` is freed here; States it owned push their own remains instead of recursing.
    }
    graveyard.draining = false;
}

Deferred::Deferred(std::string label, std::source_location where) : Deferred(Canceller(), std::move(label), where) {}

Deferred::Deferred(Canceller canceller, std::string label, std::source_location where)
    : state_(std::make_shared<State>(std::move(label), where, std::move(canceller))) {
    if (Tracer* tracer = DeferredTracing::current()) {
        tracer->emit(kind::deferredCreated,
                     {{"deferred", state_->id}, {"label", state_->label}, {"at", sourceText(where)}});
    }
}

Deferred& Deferred::addPair(Callback callback, Callback errback, const char* side, std::string label,
                            std::source_location where) {
    State::Pair pair{std::move(callback), std::move(errback), nullptr, ++state_->pairsAdded,
                     label.empty() ? defaultLabel(where) : std::move(label)};
    if (Tracer* tracer = DeferredTracing::current()) {
        tracer->emit(kind::deferredPairAdded, {{"deferred", state_->id}, {"pair", pair.number}, {"side", side},
                                               {"label", pair.label}, {"at", sourceText(where)}});
    }
    state_->pairs.push_back(std::move(pair));
    // Added after firing: runs at once (unless paused or a callback is already running above us).
    if (state_->called) DeferredAccess::runCallbacks(state_);
    return *this;
}

Deferred& Deferred::chainDeferred(Deferred other, std::source_location where) {
    if (other == *this) throw std::invalid_argument("chainDeferred: a Deferred cannot be chained to itself");
    // Recorded as Twisted's chainDeferred does (d._chainedTo = self); cleared when `other` fires.
    DeferredAccess::state(other)->waitingOn = state_;
    // Both callbacks return nothing, so this chain carries on with null, as in Twisted.
    return addCallbacks([other](Value value) mutable { other.callback(std::move(value)); },
                        [other](Failure failure) mutable { other.errback(std::move(failure)); },
                        "chain to deferred " + std::to_string(other.id()), where);
}

void Deferred::fire(Result result) {
    if (state_->called) {
        if (state_->suppressAlreadyCalled) {
            state_->suppressAlreadyCalled = false;
            return;
        }
        throw AlreadyCalledError("Deferred " + std::to_string(state_->id) + " (" + state_->label +
                                 ") was already fired; callback() and errback() may happen only once");
    }
    if (Tracer* tracer = DeferredTracing::current()) {
        std::string text = result.summary();
        tracer->emit(kind::deferredFired,
                     {{"deferred", state_->id}, {"failed", result.isFailure()}, {"result", text}});
    }
    state_->called = true;
    // A fired Deferred never calls its canceller again, so let it go now, as Twisted does since
    // 23.8: a canceller that holds its own Deferred (deferLater's holds the timer, whose call
    // holds the Deferred) would otherwise keep the two alive in a cycle that nothing frees.
    // cancel() runs a copy, so a canceller that fires the Deferred is not freed mid-call.
    state_->canceller = nullptr;
    state_->result = std::move(result);
    DeferredAccess::runCallbacks(state_);
}

void Deferred::callback(Value value) { fire(Result(std::move(value))); }

void Deferred::errback(Failure failure) { fire(Result(std::move(failure))); }

void Deferred::errback() {
    std::exception_ptr error = std::current_exception();
    if (!error) throw std::logic_error("Deferred::errback() with no argument must be called inside a catch block");
    errback(Failure(error));
}

void Deferred::pause() {
    ++state_->paused;
    if (Tracer* tracer = DeferredTracing::current()) {
        tracer->emit(kind::deferredPaused, {{"deferred", state_->id}, {"on", nullptr}});
    }
}

void Deferred::unpause() {
    if (state_->paused == 0) throw std::logic_error("Deferred::unpause: it is not paused");
    --state_->paused;
    if (Tracer* tracer = DeferredTracing::current()) {
        tracer->emit(kind::deferredResumed, {{"deferred", state_->id}, {"from", nullptr}});
    }
    if (state_->paused == 0 && state_->called) DeferredAccess::runCallbacks(state_);
}

void Deferred::cancel() {
    std::shared_ptr<State> inner = state_->waitingOn.lock();
    if (Tracer* tracer = DeferredTracing::current()) {
        const char* when = !state_->called ? "unfired" : inner ? "waiting" : "fired";
        tracer->emit(kind::deferredCancelled, {{"deferred", state_->id}, {"state", when}});
    }
    if (state_->cancellerDecides) {
        if (!state_->called && state_->canceller) {
            Canceller canceller = state_->canceller;
            canceller(*this);
        }
    } else if (!state_->called) {
        if (state_->canceller) {
            // Keep the canceller alive while it runs, even if it fires and frees this chain.
            Canceller canceller = state_->canceller;
            canceller(*this);
        } else {
            state_->suppressAlreadyCalled = true;
        }
        if (!state_->called) errback(CancelledError("Deferred " + std::to_string(state_->id) + " was cancelled"));
    } else if (inner) {
        DeferredAccess::handle(inner).cancel();
    }
}

bool Deferred::called() const { return state_->called; }

bool Deferred::hasResult() const { return state_->result.has_value(); }

bool Deferred::isPaused() const { return state_->paused > 0; }

std::optional<Deferred> Deferred::chainedTo() const {
    if (std::shared_ptr<State> other = state_->waitingOn.lock()) return Deferred(std::move(other));
    return std::nullopt;
}

const Result& Deferred::result() const {
    if (!state_->result) {
        throw std::logic_error("Deferred::result: deferred " + std::to_string(state_->id) +
                               (state_->called ? " is waiting on another Deferred" : " has not fired yet"));
    }
    return *state_->result;
}

std::uint64_t Deferred::id() const { return state_->id; }

const std::string& Deferred::label() const { return state_->label; }

Deferred succeed(Value value, std::source_location where) {
    Deferred d("succeed", where);
    d.callback(std::move(value));
    return d;
}

Deferred fail(Failure failure, std::source_location where) {
    Deferred d("fail", where);
    d.errback(std::move(failure));
    return d;
}

}  // namespace lab
