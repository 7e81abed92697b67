// Time and Deferreds on a ManualClock: deferLater, addTimeout, LoopingCall (after Twisted's
// test_task.py). Under a ManualClock each runOnce() runs the timers due now and then jumps the
// clock to the next timer, so a test steps through time one timer at a time.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/reactor.h"
#include "deferred/defer_later.h"
#include "deferred/looping_call.h"

using namespace lab;
using namespace std::chrono_literals;

TEST_CASE("deferLater: fires after the delay with what the function returns") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    Deferred d = deferLater(reactor, 2s, [] { return "later"; });
    reactor.runOnce();  // nothing due at 0; the clock jumps to 2s
    CHECK_FALSE(d.called());
    reactor.runOnce();
    CHECK(reactor.now() == TimePoint(2s));
    CHECK(d.result().value() == "later");
}

TEST_CASE("deferLater: an exception from the function fails the Deferred") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    Deferred d = deferLater(reactor, 1s, []() -> Value { throw std::runtime_error("late failure"); });
    reactor.runOnce();
    reactor.runOnce();
    REQUIRE(d.result().isFailure());
    CHECK(d.result().failure().getErrorMessage() == "late failure");
    d.addErrback([](Failure) {});
}

TEST_CASE("deferLater: cancelling it cancels the timer and the function never runs") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    bool ran = false;
    Deferred d = deferLater(reactor, 1s, [&] { ran = true; });
    bool cancelled = false;
    d.addErrback([&](Failure f) { cancelled = f.check<CancelledError>(); });
    d.cancel();
    CHECK(cancelled);
    CHECK(reactor.pendingTimers() == 0);
    reactor.runOnce();
    CHECK_FALSE(ran);
}

TEST_CASE("addTimeout: a Deferred that does not fire in time fails with TimeoutError") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    int cancellerCalls = 0;
    Deferred d([&](Deferred&) { ++cancellerCalls; });
    d.addTimeout(5s, reactor);
    bool timedOut = false;
    d.addErrback([&](Failure f) { timedOut = f.check<TimeoutError>(); });
    reactor.runOnce();
    reactor.runOnce();
    CHECK(reactor.now() == TimePoint(5s));
    CHECK(cancellerCalls == 1);
    CHECK(timedOut);
}

TEST_CASE("addTimeout: a Deferred that fires in time keeps its result and stops the timer") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    Deferred d;
    d.addTimeout(5s, reactor);
    CHECK(reactor.pendingTimers() == 1);
    d.callback("on time");
    CHECK(reactor.pendingTimers() == 0);
    CHECK(d.result().value() == "on time");
}

TEST_CASE("addTimeout: a cancel by someone else stays a CancelledError") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    Deferred d;
    d.addTimeout(5s, reactor);
    d.cancel();
    REQUIRE(d.result().isFailure());
    CHECK(d.result().failure().check<CancelledError>());
    CHECK(reactor.pendingTimers() == 0);
    d.addErrback([](Failure) {});
}

// After Twisted's DeferredAddTimeoutTests with a custom onTimeoutCancel (_overrideFunc).
namespace {
Outcome overridden(Result, Duration) { return Value("OVERRIDDEN"); }
}  // namespace

TEST_CASE("addTimeout: after a timeout onTimeoutCancel decides the result, and may turn it into a value") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    Deferred d;
    Duration seenTimeout{};
    bool sawCancelled = false;
    d.addTimeout(10s, reactor, [&](Result result, Duration timeout) -> Outcome {
        seenTimeout = timeout;
        sawCancelled = result.isFailure() && result.failure().check<CancelledError>();
        return overridden(std::move(result), timeout);
    });
    clock.advance(15s);
    reactor.runOnce();
    CHECK(sawCancelled);
    CHECK(seenTimeout == 10s);
    CHECK(d.result().value() == "OVERRIDDEN");
}

TEST_CASE("addTimeout: onTimeoutCancel is not called when the Deferred fires in time or is cancelled by someone else") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    int calls = 0;
    auto count = [&](Result result, Duration) -> Outcome {
        ++calls;
        return result;
    };
    Deferred fired;
    fired.addTimeout(10s, reactor, count);
    fired.callback("results");
    Deferred failed;
    failed.addTimeout(10s, reactor, count);
    failed.errback(std::runtime_error("fail"));
    Deferred cancelled;
    cancelled.addTimeout(10s, reactor, count);
    cancelled.cancel();
    CHECK(reactor.pendingTimers() == 0);  // every timer was stopped: no timeout can come
    CHECK(calls == 0);
    CHECK(fired.result().value() == "results");
    CHECK(failed.result().failure().getErrorMessage() == "fail");
    CHECK(cancelled.result().failure().check<CancelledError>());
    failed.addErrback([](Failure) {});
    cancelled.addErrback([](Failure) {});
}

TEST_CASE("addTimeout: onTimeoutCancel sees what a canceller made of the Deferred") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    Deferred d([](Deferred& self) { self.errback(std::invalid_argument("what!")); });
    std::string seen;
    d.addTimeout(10s, reactor, [&](Result result, Duration timeout) {
        seen = result.summary();
        return overridden(std::move(result), timeout);
    });
    clock.advance(15s);
    reactor.runOnce();
    CHECK(seen == "std::invalid_argument: what!");
    CHECK(d.result().value() == "OVERRIDDEN");
}

TEST_CASE("addTimeout: by default a canceller's own result passes unchanged, only CancelledError becomes TimeoutError") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    Deferred d([](Deferred& self) { self.callback("I was cancelled!"); });
    d.addTimeout(10s, reactor);
    clock.advance(15s);
    reactor.runOnce();
    CHECK(d.result().value() == "I was cancelled!");
}

TEST_CASE("addTimeout: an errback added before the timeout sees CancelledError, and onTimeoutCancel what it returned") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    Deferred d;
    bool errbackSawCancelled = false;
    d.addErrback([&](Failure f) { errbackSawCancelled = f.check<CancelledError>(); });
    d.addTimeout(10s, reactor, overridden);
    clock.advance(15s);
    reactor.runOnce();
    CHECK(errbackSawCancelled);
    CHECK(d.result().value() == "OVERRIDDEN");
}

TEST_CASE("LoopingCall: calls at once and then every interval, on the grid") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    std::vector<long> times;
    LoopingCall loop(reactor, [&] {
        times.push_back(std::chrono::duration_cast<std::chrono::seconds>(reactor.now().time_since_epoch()).count());
    });
    Deferred done = loop.start(1s);
    CHECK(times == std::vector<long>{0});
    for (int i = 0; i < 3; ++i) reactor.runOnce();
    CHECK(times == std::vector<long>{0, 1, 2});
    loop.stop();
    CHECK(done.result().value() == 3);
    CHECK(reactor.pendingTimers() == 0);
}

TEST_CASE("LoopingCall: start with now=false waits one interval for the first call") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    std::vector<std::uint64_t> counts;
    LoopingCall loop(reactor, [&](std::uint64_t count) { counts.push_back(count); });
    loop.start(2s, false);
    CHECK(counts.empty());
    reactor.runOnce();  // the clock jumps to 2s
    CHECK(counts.empty());
    reactor.runOnce();  // the first call, at 2s
    CHECK(counts == std::vector<std::uint64_t>{1});
    loop.stop();
}

TEST_CASE("LoopingCall: missed intervals are skipped and counted") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    std::vector<std::uint64_t> counts;
    LoopingCall loop(reactor, [&](std::uint64_t count) { counts.push_back(count); });
    loop.start(1s);
    clock.advance(3500ms);  // the reactor was "blocked" through three calls
    reactor.runOnce();      // runs the late call at 3.5s, then jumps to the next grid point, 4s
    CHECK(reactor.now() == TimePoint(4s));
    reactor.runOnce();
    CHECK(counts == std::vector<std::uint64_t>{1, 3, 1});
    CHECK(loop.calls() == 3);
    loop.stop();
}

TEST_CASE("LoopingCall: stop from inside the function ends the loop and fires start's Deferred") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    LoopingCall* self = nullptr;
    LoopingCall loop(reactor, [&] {
        if (self->calls() == 2) self->stop();
    });
    self = &loop;
    Deferred done = loop.start(1s);
    reactor.runOnce();
    reactor.runOnce();
    CHECK(done.result().value() == 2);
    CHECK_FALSE(loop.running());
    CHECK(reactor.pendingTimers() == 0);
}

TEST_CASE("LoopingCall: a function that throws stops the loop and fails start's Deferred") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    LoopingCall loop(reactor, []() -> Value { throw std::runtime_error("tick failed"); });
    Deferred done = loop.start(1s);
    REQUIRE(done.result().isFailure());
    CHECK(done.result().failure().getErrorMessage() == "tick failed");
    CHECK_FALSE(loop.running());
    done.addErrback([](Failure) {});
}

// After Twisted's ReactorLoopTests.testFailAndStop: stop() inside the function does not fire
// start()'s Deferred before the function has ended, so its failure is what the Deferred gets.
TEST_CASE("LoopingCall: a function that calls stop and then throws fails start's Deferred with its error") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    LoopingCall* self = nullptr;
    LoopingCall loop(reactor, [&]() -> Value {
        self->stop();
        throw std::runtime_error("stopped, then failed");
    });
    self = &loop;
    Deferred done = loop.start(1s);
    REQUIRE(done.called());
    REQUIRE(done.result().isFailure());
    CHECK(done.result().failure().getErrorMessage() == "stopped, then failed");
    CHECK_FALSE(loop.running());
    done.addErrback([](Failure) {});
}

// After Twisted's testWaitDeferred: stop() while the function's Deferred is pending waits for it.
TEST_CASE("LoopingCall: stop while the function's Deferred is pending fires start's Deferred once that fires") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    Deferred slow;
    LoopingCall loop(reactor, [&]() -> Outcome { return slow; });
    Deferred done = loop.start(1s);
    loop.stop();
    CHECK_FALSE(done.called());
    SECTION("it succeeds: the count") {
        slow.callback(nullptr);
        CHECK(done.result().value() == 1);
    }
    SECTION("it fails: its Failure") {
        slow.errback(std::runtime_error("slow failed"));
        REQUIRE(done.result().isFailure());
        CHECK(done.result().failure().getErrorMessage() == "slow failed");
        done.addErrback([](Failure) {});
    }
    CHECK(reactor.pendingTimers() == 0);
}

TEST_CASE("LoopingCall: waits for a Deferred the function returns before scheduling the next call") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    Deferred slow;
    int calls = 0;
    LoopingCall loop(reactor, [&]() -> Outcome {
        ++calls;
        return calls == 1 ? slow : Outcome(nullptr);
    });
    loop.start(1s);
    CHECK(reactor.pendingTimers() == 0);  // waiting on `slow`
    clock.advance(1500ms);
    slow.callback(nullptr);
    CHECK(reactor.pendingTimers() == 1);
    reactor.runOnce();  // jumps to 2s, the next grid point
    reactor.runOnce();
    CHECK(calls == 2);
    CHECK(reactor.now() >= TimePoint(2s));
    loop.stop();
}

TEST_CASE("LoopingCall: start while running and a negative interval are refused") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    LoopingCall loop(reactor, [] {});
    CHECK_THROWS_AS(loop.start(-1s), std::invalid_argument);
    loop.start(1s);
    CHECK_THROWS_AS(loop.start(1s), std::logic_error);
    loop.stop();
    CHECK_THROWS_AS(loop.stop(), std::logic_error);
}
