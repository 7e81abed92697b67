// Coroutines returning a Deferred: co_await, failures thrown in, cancellation, no recursion.
#include <catch2/catch.hpp>

#include <memory>
#include <optional>
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

// After Twisted's CancellationTests (twisted/internet/test/test_inlinecb.py): the coroutine's
// Deferred is D, the Deferred it awaits is C.
namespace {
struct Untranslated : std::runtime_error {
    Untranslated() : std::runtime_error("untranslated") {}
};
struct Translated : std::runtime_error {
    Translated() : std::runtime_error("translated") {}
};
struct DontFail : std::runtime_error {
    explicit DontFail(int v) : std::runtime_error("dont fail"), value(v) {}
    int value;
};

// Twisted's sampleInlineCB: await `child`, translating two kinds of error on the way.
Deferred sampleCoroutine(Deferred child) {
    int x = 0;
    try {
        Value v = co_await child;
        x = v.get<int>();
    } catch (const Untranslated&) {
        throw Translated();
    } catch (const DontFail& e) {
        x = e.value - 2;
    }
    co_return x + 1;
}

Deferred stacked(Deferred child) {
    Deferred inner = sampleCoroutine(child);
    co_return co_await inner;
}

// Twisted's test_inlineCallbacksCancelCaptured: catch the first cancellation, then await d2.
Deferred catchesTheFirstCancel(Deferred d1, Deferred d2) {
    try {
        co_await d1;
    } catch (const CancelledError&) {
    }
    co_await d2;
    co_return nullptr;
}

Deferred cancelsItself(Deferred gate, std::shared_ptr<std::optional<Deferred>> self) {
    co_await gate;
    (*self)->cancel();
    co_return "carried on";
}
}  // namespace

TEST_CASE("Coroutine cancel: CancelledError from the awaited Deferred fails the coroutine's Deferred") {
    Deferred child;
    Deferred d = sampleCoroutine(child);
    d.cancel();
    REQUIRE(d.called());
    CHECK(d.result().failure().check<CancelledError>());
    d.addErrback([](Failure) {});
}

TEST_CASE("Coroutine cancel: a coroutine awaiting a coroutine cancels all the way down") {
    bool childCancelled = false;
    Deferred child;
    child.addErrback([&](Failure f) {
        childCancelled = f.check<CancelledError>();
        return f;
    });
    Deferred d = stacked(child);
    d.cancel();
    CHECK(childCancelled);
    CHECK(d.result().failure().check<CancelledError>());
    d.addErrback([](Failure) {});
}

TEST_CASE("Coroutine cancel: the coroutine may turn the awaited Deferred's error into another error") {
    Deferred child([](Deferred& self) { self.errback(Untranslated()); });
    Deferred d = sampleCoroutine(child);
    d.cancel();
    CHECK(d.result().failure().check<Translated>());
    d.addErrback([](Failure) {});
}

TEST_CASE("Coroutine cancel: the coroutine may turn the awaited Deferred's error into a value") {
    Deferred child([](Deferred& self) { self.errback(DontFail(4321)); });
    Deferred d = sampleCoroutine(child);
    d.cancel();
    CHECK(d.result().value() == 4320);
}

TEST_CASE("Coroutine cancel: the coroutine's Deferred waits for the awaited one's chain to finish") {
    Deferred more;
    Deferred child;
    child.addErrback([more](Failure f) {
        f.trap<CancelledError>();
        return more;
    });
    Deferred d = sampleCoroutine(child);
    d.cancel();
    CHECK_FALSE(d.hasResult());  // no CancelledError of its own: the coroutine has not ended
    more.callback(6543);
    CHECK(d.result().value() == 6544);
}

TEST_CASE("Coroutine cancel: a coroutine that catches the cancellation goes on, and a second cancel reaches it") {
    int canceller1Calls = 0;
    int canceller2Calls = 0;
    Deferred d1([&](Deferred&) { ++canceller1Calls; });
    Deferred d2([&](Deferred&) { ++canceller2Calls; });
    Deferred d = catchesTheFirstCancel(d1, d2);
    d.cancel();
    CHECK(canceller1Calls == 1);
    CHECK(canceller2Calls == 0);
    CHECK_FALSE(d.hasResult());  // the coroutine caught it and now awaits d2
    d.cancel();
    CHECK(canceller2Calls == 1);
    REQUIRE(d.hasResult());
    CHECK(d.result().failure().check<CancelledError>());
    d.addErrback([](Failure) {});
}

TEST_CASE("Coroutine cancel: a coroutine that cancels its own Deferred while it runs still decides its result") {
    // As in Twisted (checked in tests/twisted_facts/test_lesson11_coroutines.py): the Deferred it
    // last awaited has fired, so cancelling that does nothing, and the coroutine's return value
    // is the result.
    Deferred gate;
    auto self = std::make_shared<std::optional<Deferred>>();
    Deferred d = cancelsItself(gate, self);
    *self = d;
    gate.callback(nullptr);
    CHECK(d.result().value() == "carried on");
}
