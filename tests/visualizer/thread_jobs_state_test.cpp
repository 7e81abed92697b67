// LoopState and threads meeting the reactor: the "Run thread calls" phase, the jobs deferToThread
// queued (pending, then back with ok / failed), and the last stop signal.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "core/reactor.h"
#include "deferred/deferred_tracing.h"
#include "model/loop_state.h"
#include "deferred/defer_to_thread.h"
#include "trace_fixtures.h"

using namespace lab;
using namespace lab::viz;
using namespace lab::viz::test;

namespace {
// The fold up to (and including) the first event of `kind`.
LoopState foldToFirst(const TraceModel& model, std::string_view kind) {
    LoopState state;
    for (std::size_t i = 0; i < model.size(); ++i) {
        state.apply(model.json(i), i);
        if (model.kindOf(i) == kind) return state;
    }
    FAIL("no " << kind << " event");
    return state;
}
}  // namespace

TEST_CASE("LoopState: a job is pending from thread_job_queued, then listed as back with its outcome; thread calls are a phase") {
    ManualClock clock;
    MemorySink sink;
    {
        Reactor reactor({"select", &clock, &sink});
        DeferredTracing tracing(reactor.tracer());
        reactor.callWhenRunning([&] {
            deferToThread(reactor, []() -> Value { return 1; }).addCallback([&](const Value&) {
                deferToThread(reactor, []() -> Value { throw std::runtime_error("bad"); })
                    .addErrback([&](const Failure&) { reactor.stop(); });
            });
        });
        reactor.run();
    }
    TraceModel model = modelFromSink(sink);

    LoopState queued = foldToFirst(model, "thread_job_queued");
    REQUIRE(queued.threadJobs.size() == 1);
    CHECK(queued.threadJobs.at(1).deferred == 1);
    CHECK_FALSE(queued.threadJobs.at(1).done);
    CHECK(queued.finishedJobs.empty());

    LoopState phase = foldToFirst(model, "thread_calls_run");
    CHECK(phase.phase == Phase::runThreadCalls);
    CHECK(phaseLabel(Phase::runThreadCalls) == "Run thread calls");
    CHECK(phase.threadCallsThisIteration == 1);

    LoopState done = foldToFirst(model, "thread_job_done");
    CHECK(done.threadJobs.count(1) == 0);
    REQUIRE(done.finishedJobs.size() == 1);
    CHECK(done.finishedJobs.back().id == 1);
    CHECK(done.finishedJobs.back().ok);

    LoopState end;
    for (std::size_t i = 0; i < model.size(); ++i) end.apply(model.json(i), i);
    CHECK(end.threadJobs.empty());
    REQUIRE(end.finishedJobs.size() == 2);
    CHECK(end.finishedJobs.back().id == 2);
    CHECK_FALSE(end.finishedJobs.back().ok);
    CHECK(end.unknownEvents == 0);
}

TEST_CASE("LoopState: signal_received keeps the signal's name") {
    TraceModel model = modelFromText(
        R"({"seq":1,"t":0,"iter":1,"kind":"iteration_begin"}
{"seq":2,"t":0,"iter":1,"kind":"signal_received","signal":"SIGTERM"}
{"seq":3,"t":0,"iter":1,"kind":"stop"}
)");
    LoopState state = foldToFirst(model, "stop");
    CHECK(state.lastSignal == "SIGTERM");
    CHECK(state.stopRequested);
}
