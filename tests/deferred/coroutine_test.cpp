// Coroutines returning a Deferred: co_await, failures thrown in, cancellation, no recursion.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "core/reactor.h"
#include "deferred/coroutine.h"
#include "deferred/defer_later.h"

using namespace lab;
using namespace std::chrono_literals;

namespace {
Deferred addBoth(Deferred a, Deferred b) {
    Value x = co_await a;
    Value y = co_await b;
    co_return x.get<int>() + y.get<int>();
}

Deferred catchFailure(Deferred d) {
    try {
        co_await d;
        co_return "no failure";
    } catch (const std::runtime_error& e) {
        co_return std::string("caught: ") + e.what();
    }
}

Deferred throwAfter(Deferred d) {
    co_await d;
    throw std::out_of_range("escaped");
}

Deferred sumFired(int n) {
    long total = 0;
    for (int i = 0; i < n; ++i) total += (co_await succeed(i)).get<long>();
    co_return total;
}

Deferred sleepTwice(Reactor& reactor) {
    co_await deferLater(reactor, 1s);
    co_await deferLater(reactor, 1s);
    co_return "slept";
}
}  // namespace

TEST_CASE("Coroutine: co_await suspends until the Deferred fires, then the coroutine's Deferred fires") {
    Deferred a, b;
    Deferred sum = addBoth(a, b);
    CHECK_FALSE(sum.called());
    a.callback(2);
    CHECK_FALSE(sum.called());
    b.callback(3);
    CHECK(sum.result().value() == 5);
}

TEST_CASE("Coroutine: co_await on a fired Deferred goes straight on") {
    Deferred sum = addBoth(succeed(1), succeed(2));
    CHECK(sum.result().value() == 3);
}

TEST_CASE("Coroutine: a Failure is thrown into the coroutine as its exception") {
    Deferred d;
    Deferred outcome = catchFailure(d);
    d.errback(std::runtime_error("bad news"));
    CHECK(outcome.result().value() == "caught: bad news");
    CHECK(d.result().value().is_null());  // taken by the coroutine: handled, not reported
}

TEST_CASE("Coroutine: an exception that escapes the coroutine fails its Deferred") {
    Deferred d;
    Deferred outcome = throwAfter(d);
    d.callback(nullptr);
    REQUIRE(outcome.result().isFailure());
    CHECK(outcome.result().failure().check<std::out_of_range>());
    outcome.addErrback([](Failure) {});
}

TEST_CASE("Coroutine: awaiting 100,000 fired Deferreds does not recurse") {
    CHECK(sumFired(100'000).result().value() == 4'999'950'000L);
}

TEST_CASE("Coroutine: cancelling the coroutine's Deferred cancels the Deferred it waits on") {
    int cancellerCalls = 0;
    Deferred inner([&](Deferred&) { ++cancellerCalls; });
    Deferred outcome = catchFailure(inner);
    outcome.cancel();
    CHECK(cancellerCalls == 1);
    // CancelledError derives from std::runtime_error: the coroutine caught it and returned.
    std::string text = outcome.result().value();
    CHECK(text.rfind("caught: Deferred ", 0) == 0);
    CHECK(text.find("was cancelled") != std::string::npos);
}

TEST_CASE("Coroutine: awaits timers on a ManualClock") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    Deferred d = sleepTwice(reactor);
    while (!d.called()) reactor.runOnce();
    CHECK(reactor.now() == TimePoint(2s));
    CHECK(d.result().value() == "slept");
}
