// DeferredList and gatherResults: one Deferred for the results of several
// (Twisted's defer.DeferredList and defer.gatherResults).
//
// A DeferredList fires once every Deferred in it has fired, with a JSON array in the input's
// order of [success, result] pairs: [true, value] or [false, "Type: message"]. Results are JSON
// here, so a Failure appears as its summary; the Failure itself stays on its own Deferred, where
// an errback (or the unhandled-error report) still sees it, unless consumeErrors is set.
// Options, as in Twisted: fireOnOneCallback fires with [value, index] at the first success;
// fireOnOneErrback errbacks with FirstError at the first failure; consumeErrors turns each
// failure into null on its own Deferred, once recorded. cancel() on an unfired list cancels every
// Deferred in it and adds no CancelledError of its own: the inputs' results decide the list's, as
// in Twisted's DeferredList.cancel. An input whose canceller throws is logged (error_logged) and
// the rest are still cancelled; that input, and so the list, may stay unfired.
// Taught in lessons/05-deferreds; tested in tests/deferred/deferred_list_test.cpp.
#pragma once

#include <cstddef>
#include <source_location>
#include <stdexcept>
#include <vector>

#include "deferred/deferred.h"

namespace lab {

// The failure of a DeferredList with fireOnOneErrback: which Deferred failed first, and how.
struct FirstError : std::runtime_error {
    FirstError(Failure failure, std::size_t index);
    Failure subFailure;
    std::size_t index;
};

struct DeferredListOptions {
    bool fireOnOneCallback = false;
    bool fireOnOneErrback = false;
    bool consumeErrors = false;
};

// A Deferred (the handle; there is no extra state to slice away) built over `deferreds`.
class DeferredList : public Deferred {
public:
    explicit DeferredList(std::vector<Deferred> deferreds, DeferredListOptions options = {},
                          std::source_location where = std::source_location::current());
};

// Fires with the array of values when all succeed, or errbacks with FirstError at the first
// failure (a DeferredList with fireOnOneErrback whose result is unwrapped).
Deferred gatherResults(std::vector<Deferred> deferreds, bool consumeErrors = false,
                       std::source_location where = std::source_location::current());

}  // namespace lab
