// deferLater: a Deferred that fires after a delay, with what `f` returns then
// (Twisted's task.deferLater). Cancelling it before then cancels the timer: `f` never runs and
// the Deferred fails with CancelledError. As in Twisted, the pair that calls `f` is added before
// the timer is scheduled, so a trace shows the Deferred, its pair, then the timer.
// Taught in lessons/06-time; tested in tests/deferred/timing_test.cpp.
#pragma once

#include <functional>
#include <memory>
#include <source_location>
#include <utility>

#include "core/reactor.h"
#include "deferred/deferred.h"

namespace lab {

namespace detail {
// Make the Deferred, let `addPairs` add to it, then schedule the timer that fires it with null.
Deferred deferLaterWith(Reactor& reactor, Duration delay, const std::function<void(Deferred&)>& addPairs,
                        std::source_location where);
}  // namespace detail

// Fires with null after `delay`.
Deferred deferLater(Reactor& reactor, Duration delay, std::source_location where = std::source_location::current());

// Fires after `delay` with the outcome of f(): a value, a Failure (also when f throws), or the
// result of the Deferred f returns.
template <typename F>
Deferred deferLater(Reactor& reactor, Duration delay, F f,
                    std::source_location where = std::source_location::current()) {
    return detail::deferLaterWith(
        reactor, delay,
        [&f, where](Deferred& d) {
            d.addCallback([f = std::move(f)](const Value&) mutable { return f(); }, "deferLater: call", where);
        },
        where);
}

}  // namespace lab
