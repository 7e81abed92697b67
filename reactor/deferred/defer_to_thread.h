// deferToThread: run a blocking or CPU-bound function on the reactor's thread pool and get its
// result as a Deferred that fires on the reactor thread (Twisted's threads.deferToThread).
//
// fn runs on a worker. What it returns (a Value) fires the Deferred's callbacks; what it throws
// becomes a Failure for the errbacks. Either way the Deferred fires inside a callFromThread call,
// so its callbacks run on the reactor thread like every other callback: fn is the only code that
// runs elsewhere, and it must not touch the reactor, Deferreds or anything else of the loop's.
// Traced as thread_job_queued and thread_job_done, both recorded on the reactor thread.
// If the reactor shuts its pool down first (reactor.h), the Deferred never fires.
// Taught in lessons/04-sync-vs-reactor; tested in tests/threads/defer_to_thread_test.cpp.
#pragma once

#include <functional>
#include <source_location>

#include "core/reactor.h"
#include "deferred/deferred.h"

namespace lab {

Deferred deferToThread(Reactor& reactor, std::function<Value()> fn,
                       std::source_location where = std::source_location::current());

}  // namespace lab
