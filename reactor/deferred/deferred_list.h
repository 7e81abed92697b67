// DeferredList and gatherResults: one Deferred for the results of several
// (Twisted's defer.DeferredList and defer.gatherResults).
//
// A DeferredList fires once every Deferred in it has fired, with a JSON array in the input's
// order of [success, result] pairs: [true, value] or [false, "Type: message"]. Results are JSON
// here (a trace shows them), so in that array a Failure appears as its summary. The Failures
// themselves are kept too: addEntriesCallback hands a callback the entries with the real
// Failure, which it can check() and trap(), as Twisted's (False, failure) tuples. The Failure
// also stays on its own Deferred, where an errback (or the unhandled-error report) still sees
// it, unless consumeErrors is set.
// Options, as in Twisted: fireOnOneCallback fires with [value, index] at the first success;
// fireOnOneErrback errbacks with FirstError at the first failure; consumeErrors turns each
// failure into null on its own Deferred, once recorded. cancel() on an unfired list cancels every
// Deferred in it and adds no CancelledError of its own: the inputs' results decide the list's, as
// in Twisted's DeferredList.cancel. An input whose canceller throws is logged (error_logged) and
// the rest are still cancelled; that input, and so the list, may stay unfired.
// Taught in lessons/05-deferreds; tested in tests/deferred/deferred_list_test.cpp.
#pragma once

#include <cstddef>
#include <memory>
#include <source_location>
#include <stdexcept>
#include <string>
#include <type_traits>
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

// One input's outcome, as a Twisted DeferredList entry (success, result): the value, or the
// Failure itself.
struct DeferredListEntry {
    bool success = false;
    Result result;
};

// A Deferred built over `deferreds`. Copied or passed as a plain Deferred it is the same
// Deferred; only addEntriesCallback needs the DeferredList handle.
class DeferredList : public Deferred {
public:
    explicit DeferredList(std::vector<Deferred> deferreds, DeferredListOptions options = {},
                          std::source_location where = std::source_location::current());

    // Add a callback that takes the entries, in the input's order, with their real Failures
    // (const std::vector<DeferredListEntry>&), instead of the JSON array. They are the inputs'
    // results as recorded when each fired: a callback of the list that changes the list's
    // result does not change them. What f returns goes on down the chain, as for addCallback.
    // Not with fireOnOneCallback, whose result is one value (std::logic_error).
    template <typename F>
    DeferredList& addEntriesCallback(F f, std::string label = {},
                                     std::source_location where = std::source_location::current());

    struct Collector;  // what the inputs' pairs record into (deferred_list.cpp)

private:
    static const std::vector<DeferredListEntry>& entriesOf(const Collector& collector);
    void requireEntries() const;
    std::shared_ptr<Collector> collector_;
};

// Fires with the array of values when all succeed, or errbacks with FirstError at the first
// failure (a DeferredList with fireOnOneErrback whose result is unwrapped).
Deferred gatherResults(std::vector<Deferred> deferreds, bool consumeErrors = false,
                       std::source_location where = std::source_location::current());

template <typename F>
DeferredList& DeferredList::addEntriesCallback(F f, std::string label, std::source_location where) {
    static_assert(std::is_invocable_v<F&, const std::vector<DeferredListEntry>&>,
                  "addEntriesCallback: the callback must accept const std::vector<lab::DeferredListEntry>&");
    requireEntries();
    // The pair owns the collector, never the list: no cycle (the inputs' pairs own the list).
    addCallback([collector = collector_, f = std::move(f)](const Value&) mutable {
        return detail::invokeCallback(f, entriesOf(*collector));
    }, std::move(label), where);
    return *this;
}

}  // namespace lab
