// deferToThread; see defer_to_thread.h.
#include "deferred/defer_to_thread.h"

#include <exception>
#include <memory>
#include <optional>
#include <utility>

#include "threads/thread_pool.h"

namespace lab {

Deferred deferToThread(Reactor& reactor, std::function<Value()> fn, std::source_location where) {
    Deferred d("deferToThread", where);
    ThreadPool& pool = reactor.getThreadPool();
    // The Deferred travels with the job but is never used off the reactor thread: the worker only
    // moves it into the call it hands back. If the pool drops the job, stop() destroys it on the
    // reactor thread. Only this one copy plus the caller's exist, so it always dies there.
    // The job's id is known once it is queued; only the reactor thread writes or reads it.
    auto job = std::make_shared<std::uint64_t>(0);
    *job = pool.callInThread([&reactor, fn = std::move(fn), d, job]() mutable {
        std::optional<Value> value;
        std::exception_ptr error;
        try {
            value = fn();
        } catch (...) {
            error = std::current_exception();
        }
        fn = nullptr;  // fn's captures die here, on the worker that used them
        reactor.callFromThread([&reactor, d = std::move(d), job, value = std::move(value), error]() mutable {
            // The Tracer is not thread-safe, so job events are recorded here, on the reactor
            // thread, never by the worker (which would race with the loop's own events).
            reactor.tracer().emit(kind::threadJobDone, {{"job", *job}, {"ok", !error}});
            if (error) {
                d.errback(Failure(error));
            } else {
                d.callback(std::move(*value));
            }
        });
    });
    reactor.tracer().emit(kind::threadJobQueued, {{"job", *job}, {"deferred", d.id()}});
    return d;
}

}  // namespace lab
