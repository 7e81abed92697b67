// deferLater: a Deferred that fires after a delay, with what `f` returns then
// (Twisted's task.deferLater). Cancelling it before then cancels the timer: `f` never runs and
// the Deferred fails with CancelledError.
// Taught in lessons/06-time; tested in tests/deferred/timing_test.cpp.
#pragma once

#include <memory>
#include <source_location>
#include <utility>

#include "core/reactor.h"
#include "deferred/deferred.h"

namespace lab {

// Fires with null after `delay`.
Deferred deferLater(Reactor& reactor, Duration delay, std::source_location where = std::source_location::current());

// Fires after `delay` with the outcome of f(): a value, a Failure (also when f throws), or the
// result of the Deferred f returns.
template <typename F>
Deferred deferLater(Reactor& reactor, Duration delay, F f,
                    std::source_location where = std::source_location::current()) {
    Deferred d = deferLater(reactor, delay, where);
    d.addCallback([f = std::move(f)](const Value&) mutable { return f(); }, "deferLater: call", where);
    return d;
}

}  // namespace lab
