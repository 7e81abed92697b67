// DelayedCall: cancel/reset/delay/active/getTime and the AlreadyCalled/AlreadyCancelled errors,
// through Reactor::callLater on a ManualClock.
#include <catch2/catch.hpp>

#include <memory>

#include "core/errors.h"
#include "core/reactor.h"

using namespace lab;
using namespace std::chrono_literals;

namespace {
struct Fixture {
    ManualClock clock;
    Reactor reactor{ReactorOptions{"poll", &clock, nullptr, "test"}};

    // Advance logical time and run due timers, as the loop would.
    void advanceAndRun(Duration d) {
        clock.advance(d);
        reactor.runOnce();
    }
};
}  // namespace

TEST_CASE("DelayedCall: getTime is when it is due and it is active until it runs") {
    Fixture f;
    int runs = 0;
    auto call = f.reactor.callLater(3s, [&] { ++runs; });
    CHECK(call->getTime() == TimePoint(3s));
    CHECK(call->active());
    f.advanceAndRun(3s);
    CHECK(runs == 1);
    CHECK_FALSE(call->active());
    CHECK(call->called());
}

TEST_CASE("DelayedCall: cancel prevents the call") {
    Fixture f;
    int runs = 0;
    auto call = f.reactor.callLater(1s, [&] { ++runs; });
    call->cancel();
    CHECK(call->cancelled());
    CHECK(f.reactor.pendingTimers() == 0);
    f.advanceAndRun(2s);
    CHECK(runs == 0);
}

TEST_CASE("DelayedCall: cancel, reset and delay after cancel raise AlreadyCancelled") {
    Fixture f;
    auto call = f.reactor.callLater(1s, [] {});
    call->cancel();
    CHECK_THROWS_AS(call->cancel(), AlreadyCancelled);
    CHECK_THROWS_AS(call->reset(1s), AlreadyCancelled);
    CHECK_THROWS_AS(call->delay(1s), AlreadyCancelled);
}

TEST_CASE("DelayedCall: cancel, reset and delay after it ran raise AlreadyCalled") {
    Fixture f;
    auto call = f.reactor.callLater(1s, [] {});
    f.advanceAndRun(1s);
    CHECK_THROWS_AS(call->cancel(), AlreadyCalled);
    CHECK_THROWS_AS(call->reset(1s), AlreadyCalled);
    CHECK_THROWS_AS(call->delay(1s), AlreadyCalled);
}

TEST_CASE("DelayedCall: inside its own function it is already called, not active") {
    Fixture f;
    std::shared_ptr<DelayedCall> call;
    bool activeInside = true;
    bool cancelRaisedAlreadyCalled = false;
    call = f.reactor.callLater(1s, [&] {
        activeInside = call->active();
        try {
            call->cancel();
        } catch (const AlreadyCalled&) {
            cancelRaisedAlreadyCalled = true;
        }
    });
    f.advanceAndRun(1s);
    CHECK_FALSE(activeInside);
    CHECK(cancelRaisedAlreadyCalled);
}

TEST_CASE("DelayedCall: reset counts from now, delay from its current time") {
    Fixture f;
    auto call = f.reactor.callLater(10s, [] {});
    f.clock.advance(4s);
    call->reset(1s);
    CHECK(call->getTime() == TimePoint(5s));
    call->delay(2s);
    CHECK(call->getTime() == TimePoint(7s));
    call->delay(-3s);
    CHECK(call->getTime() == TimePoint(4s));
}

TEST_CASE("DelayedCall: a reset call runs at its new time, not its old one") {
    Fixture f;
    int runs = 0;
    auto call = f.reactor.callLater(1s, [&] { ++runs; });
    call->reset(5s);
    f.advanceAndRun(1s);
    CHECK(runs == 0);
    f.advanceAndRun(4s);
    CHECK(runs == 1);
}

TEST_CASE("DelayedCall: the function and what it captured are released once it ran") {
    Fixture f;
    auto captured = std::make_shared<int>(7);
    std::weak_ptr<int> watch = captured;
    auto call = f.reactor.callLater(1s, [captured] { (void)captured; });
    captured.reset();
    CHECK_FALSE(watch.expired());
    f.advanceAndRun(1s);
    CHECK(watch.expired());
}

TEST_CASE("DelayedCall: a handle that outlives its reactor gives a clear error, not a crash") {
    std::shared_ptr<DelayedCall> call;
    {
        Fixture f;
        call = f.reactor.callLater(1s, [] {});
    }
    CHECK(call->active());
    CHECK_THROWS_WITH(call->cancel(), Catch::Contains("no longer exists"));
}
