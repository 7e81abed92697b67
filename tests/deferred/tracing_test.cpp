// Deferred trace events: enough to redraw each chain, with ids from 1 in each DeferredTracing scope.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/reactor.h"
#include "deferred/deferred.h"
#include "deferred/deferred_tracing.h"
#include "deferred/errors.h"
#include "trace/memory_sink.h"

using namespace lab;

namespace {
std::vector<std::string> deferredKinds(const MemorySink& sink) {
    std::vector<std::string> kinds;
    for (const std::string& k : sink.kinds()) {
        if (k.rfind("deferred_", 0) == 0) kinds.push_back(k);
    }
    return kinds;
}
}  // namespace

TEST_CASE("Deferred tracing: a chain records creation, pairs, firing and each step with its input and output") {
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"select", &clock, &sink});
    DeferredTracing tracing(reactor.tracer());
    Deferred d("parse");
    d.addCallback([](const Value&) -> Value { throw std::runtime_error("bad input"); }, "parse it");
    d.addErrback([](Failure) { return 0; }, "default to zero");
    d.callback("x1");
    CHECK(deferredKinds(sink) == std::vector<std::string>{"deferred_created", "deferred_pair_added",
                                                          "deferred_pair_added", "deferred_fired",
                                                          "deferred_callback_ran", "deferred_callback_ran"});
    auto created = sink.ofKind("deferred_created")[0];
    CHECK(created["deferred"] == 1);
    CHECK(created["label"] == "parse");
    CHECK(created["at"].get<std::string>().rfind("tests/deferred/tracing_test.cpp:", 0) == 0);
    auto pairs = sink.ofKind("deferred_pair_added");
    CHECK(pairs[0]["side"] == "callback");
    CHECK(pairs[1]["side"] == "errback");
    CHECK(pairs[1]["label"] == "default to zero");
    auto fired = sink.ofKind("deferred_fired")[0];
    CHECK(fired["failed"] == false);
    CHECK(fired["result"] == "\"x1\"");
    auto steps = sink.ofKind("deferred_callback_ran");
    CHECK(steps[0]["pair"] == 1);
    CHECK(steps[0]["side"] == "callback");
    CHECK(steps[0]["input"] == "\"x1\"");
    CHECK(steps[0]["output"] == "std::runtime_error: bad input");
    CHECK(steps[0]["next"] == "errback");
    CHECK(steps[1]["side"] == "errback");
    CHECK(steps[1]["output"] == "0");
    CHECK(steps[1]["next"] == "callback");
}

TEST_CASE("Deferred tracing: waiting on an inner Deferred records the pause, the continuation and the resume") {
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"select", &clock, &sink});
    DeferredTracing tracing(reactor.tracer());
    Deferred outer("outer");
    Deferred inner("inner");
    outer.addCallback([&](const Value&) { return inner; }, "wait for inner");
    outer.callback(1);
    inner.callback(2);
    auto step = sink.ofKind("deferred_callback_ran")[0];
    CHECK(step["next"] == "wait");
    CHECK(step["output"].is_null());
    auto paused = sink.ofKind("deferred_paused")[0];
    CHECK(paused["deferred"] == 1);
    CHECK(paused["on"] == 2);
    auto continuation = sink.ofKind("deferred_pair_added").back();
    CHECK(continuation["deferred"] == 2);
    CHECK(continuation["side"] == "continuation");
    auto resumed = sink.ofKind("deferred_resumed")[0];
    CHECK(resumed["deferred"] == 1);
    CHECK(resumed["from"] == 2);
    CHECK(resumed["result"] == "2");
}

TEST_CASE("Deferred tracing: cancel is recorded with the state it found") {
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"select", &clock, &sink});
    DeferredTracing tracing(reactor.tracer());
    Deferred d;
    d.addErrback([](Failure) {});
    d.cancel();
    auto cancelled = sink.ofKind("deferred_cancelled");
    REQUIRE(cancelled.size() == 1);
    CHECK(cancelled[0]["state"] == "unfired");
    CHECK(sink.ofKind("deferred_fired")[0]["failed"] == true);
}

TEST_CASE("Deferred tracing: only one scope at a time, and none means no events") {
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"select", &clock, &sink});
    {
        DeferredTracing tracing(reactor.tracer());
        CHECK_THROWS_AS(DeferredTracing(reactor.tracer()), std::logic_error);
    }
    Deferred outside;
    outside.callback(1);
    CHECK(deferredKinds(sink).empty());
}

TEST_CASE("Deferred tracing: addTimeout's timer firing is recorded as timed out, then cancelled") {
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"select", &clock, &sink});
    DeferredTracing tracing(reactor.tracer());
    Deferred slow("slow");
    slow.addTimeout(std::chrono::seconds(2), reactor);
    slow.addErrback([](Failure failure) {
        failure.trap<TimeoutError>();
        return 0;
    }, "accept the timeout");
    clock.advance(std::chrono::seconds(2));
    reactor.runOnce();
    auto timedOut = sink.ofKind("deferred_timed_out");
    REQUIRE(timedOut.size() == 1);
    CHECK(timedOut[0]["deferred"] == 1);
    CHECK(timedOut[0]["timeout_ns"] == 2'000'000'000);
    std::vector<std::string> kinds = deferredKinds(sink);
    auto at = std::find(kinds.begin(), kinds.end(), "deferred_timed_out");
    REQUIRE(at != kinds.end());
    CHECK(*(at + 1) == "deferred_cancelled");
}
