// deferToThread: the Deferred fires on the reactor thread with fn's value or a Failure from
// what fn threw; under a ManualClock the trace is the same on every run; the reactor's pool is
// shut down with run() and ~Reactor, and jobs in flight then never fire their Deferreds.
#include <catch2/catch.hpp>

#include <functional>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/reactor.h"
#include "deferred/deferred_tracing.h"
#include "deferred/defer_to_thread.h"
#include "threads/thread_pool.h"
#include "trace/memory_sink.h"
#include "support/on_destroy.h"

using namespace lab;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> threadKinds(const MemorySink& sink) {
    std::vector<std::string> kinds;
    for (const std::string& k : sink.kinds()) {
        if (k.rfind("thread_", 0) == 0 || k == "deferred_fired" || k == "timer_fired") kinds.push_back(k);
    }
    return kinds;
}
}  // namespace

TEST_CASE("deferToThread: the Deferred fires with fn's value, on the reactor thread, before logical time moves") {
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"select", &clock, &sink});
    DeferredTracing tracing(reactor.tracer());
    const std::thread::id reactorThread = std::this_thread::get_id();
    std::thread::id fnThread;
    std::thread::id callbackThread;
    Value got;
    TimePoint firedAt{1h};
    reactor.callLater(5s, [&] { reactor.stop(); });
    reactor.callWhenRunning([&] {
        deferToThread(reactor, [&]() -> Value {
            fnThread = std::this_thread::get_id();
            return 6 * 7;
        }).addCallback([&](const Value& v) {
            callbackThread = std::this_thread::get_id();
            got = v;
            firedAt = reactor.now();
        });
    });
    reactor.run();
    CHECK(got == 42);
    CHECK(fnThread != reactorThread);
    CHECK(callbackThread == reactorThread);
    CHECK(firedAt == TimePoint{});  // the 5 s timer could not jump ahead of the job
    CHECK(threadKinds(sink) ==
          std::vector<std::string>{"thread_job_queued", "thread_calls_run", "thread_job_done", "deferred_fired", "timer_fired"});
    auto queued = sink.ofKind("thread_job_queued");
    REQUIRE(queued.size() == 1);
    CHECK(queued[0]["job"] == 1);
    CHECK(queued[0]["deferred"] == 1);
    CHECK(sink.ofKind("thread_job_done")[0]["ok"] == true);
}

TEST_CASE("deferToThread: what fn throws becomes a Failure on the errback side") {
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"select", &clock, &sink});
    std::string failure;
    bool callbackRan = false;
    Deferred d = deferToThread(reactor, []() -> Value { throw std::invalid_argument("no such file"); });
    d.addCallbacks([&](const Value&) { callbackRan = true; },
                   [&](const Failure& f) {
                       CHECK(f.check<std::invalid_argument>());
                       failure = f.getErrorMessage();
                   });
    while (!d.called()) reactor.runOnce();
    CHECK_FALSE(callbackRan);
    CHECK(failure == "no such file");
    auto done = sink.ofKind("thread_job_done");
    REQUIRE(done.size() == 1);
    CHECK(done[0]["ok"] == false);
}

TEST_CASE("deferToThread: under a ManualClock a program with jobs and timers writes the same trace on every run") {
    auto once = [] {
        ManualClock clock;
        MemorySink sink;
        Reactor reactor({"poll", &clock, &sink});
        DeferredTracing tracing(reactor.tracer());
        int jobs = 0;
        // A timer every second, and a chain of jobs each queued by the previous one's callback.
        std::function<void()> next = [&] {
            if (++jobs > 4) return;
            deferToThread(reactor, [n = jobs]() -> Value {
                long sum = 0;
                for (long i = 0; i < 200000L * n; ++i) sum += i % 7;
                return sum;
            }).addCallback([&](const Value&) { next(); });
        };
        for (int s = 1; s <= 3; ++s) reactor.callLater(std::chrono::seconds(s), [] {});
        reactor.callLater(4s, [&] { reactor.stop(); });
        reactor.callWhenRunning(next);
        reactor.run();
        std::string text;
        for (const auto& event : sink.events()) text += event.dump() + "\n";
        return text;
    };
    std::string first = once();
    CHECK(first.find("\"thread_job_done\"") != std::string::npos);
    for (int i = 0; i < 3; ++i) CHECK(once() == first);
}

TEST_CASE("deferToThread: when run() returns, the running job has finished, its Deferred never fires, and the pool is gone") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    reactor.suggestThreadPoolSize(1);
    std::promise<void> started;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    bool finished = false;  // written by the worker, read after run() joined it
    Deferred first;
    Deferred second;
    reactor.callWhenRunning([&] {
        first = deferToThread(reactor, [&]() -> Value {
            started.set_value();
            released.wait();
            finished = true;
            return 1;
        });
        // Dropped at shutdown (one worker, busy): its destruction releases the first job.
        auto guard = std::make_shared<OnDestroy>([&] { release.set_value(); });
        second = deferToThread(reactor, [guard]() -> Value { return 2; });
        started.get_future().wait();
        reactor.stop();
    });
    reactor.run();
    CHECK(finished);
    CHECK_FALSE(first.called());
    CHECK_FALSE(second.called());
    CHECK_THROWS_AS(reactor.getThreadPool(), std::logic_error);
}

TEST_CASE("deferToThread: a reactor destroyed with a job running joins it and never fires its Deferred") {
    Deferred running;
    Deferred queued;
    bool finished = false;
    {
        Reactor reactor({"poll"});
        reactor.suggestThreadPoolSize(1);
        std::promise<void> started;
        auto release = std::make_shared<std::promise<void>>();
        std::shared_future<void> released = release->get_future().share();
        running = deferToThread(reactor, [&, released]() -> Value {
            started.set_value();
            released.wait();
            finished = true;
            return "late";
        });
        auto guard = std::make_shared<OnDestroy>([release] { release->set_value(); });
        queued = deferToThread(reactor, [guard]() -> Value { return "never"; });
        guard.reset();
        started.get_future().wait();
    }
    CHECK(finished);
    CHECK_FALSE(running.called());
    CHECK_FALSE(queued.called());
}

TEST_CASE("ThreadPool: the reactor's pool starts with the suggested size and refuses a new size once made") {
    Reactor reactor({"select"});
    reactor.suggestThreadPoolSize(2);
    CHECK(reactor.getThreadPool().maxThreads() == 2);
    CHECK(&reactor.getThreadPool() == &reactor.getThreadPool());
    CHECK_THROWS_AS(reactor.suggestThreadPoolSize(3), std::logic_error);
    CHECK_THROWS_AS(Reactor({"select"}).suggestThreadPoolSize(0), std::invalid_argument);
}
