// Deferred::cancel, after Twisted's DeferredCancellerTests.
#include <catch2/catch.hpp>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "deferred/deferred.h"

using namespace lab;

TEST_CASE("Deferred cancel: with no canceller it errbacks with CancelledError") {
    Deferred d;
    bool cancelled = false;
    d.addErrback([&](Failure f) { cancelled = f.check<CancelledError>(); });
    d.cancel();
    CHECK(cancelled);
}

TEST_CASE("Deferred cancel: with no canceller one late firing is ignored, a second one is not") {
    Deferred d;
    d.addErrback([](Failure) {});
    d.cancel();
    CHECK_NOTHROW(d.callback("late result"));
    CHECK_THROWS_AS(d.callback("later still"), AlreadyCalledError);
}

TEST_CASE("Deferred cancel: the canceller runs, and if it does not fire, CancelledError follows") {
    int cancellerCalls = 0;
    Deferred d([&](Deferred&) { ++cancellerCalls; });
    bool cancelled = false;
    d.addErrback([&](Failure f) { cancelled = f.check<CancelledError>(); });
    d.cancel();
    CHECK(cancellerCalls == 1);
    CHECK(cancelled);
    // A canceller was given, so a late firing is an error again, as in Twisted.
    CHECK_THROWS_AS(d.callback(1), AlreadyCalledError);
}

TEST_CASE("Deferred cancel: a canceller that fires the Deferred decides its result") {
    Deferred d([](Deferred& self) { self.callback("stopped cleanly"); });
    d.cancel();
    CHECK(d.result().value() == "stopped cleanly");
}

TEST_CASE("Deferred cancel: cancelling a Deferred that has finished does nothing") {
    int cancellerCalls = 0;
    Deferred d([&](Deferred&) { ++cancellerCalls; });
    d.callback(1);
    d.cancel();
    CHECK(cancellerCalls == 0);
    CHECK(d.result().value() == 1);
}

TEST_CASE("Deferred cancel: a Deferred waiting on an inner one cancels the inner one") {
    int innerCancellerCalls = 0;
    Deferred inner([&](Deferred&) { ++innerCancellerCalls; });
    Deferred outer;
    outer.addCallback([&](const Value&) { return inner; });
    std::string outcome;
    outer.addErrback([&](Failure f) { outcome = f.typeName(); });
    outer.callback(0);
    outer.cancel();
    CHECK(innerCancellerCalls == 1);
    CHECK(outcome == "lab::CancelledError");
    CHECK(inner.result().value().is_null());  // the failure went on to the outer chain
}

// After Twisted's test_canceller_circular_reference_callback, _errback and _non_final (Twisted
// 23.8 and later release the canceller when the Deferred fires). `token` stands for whatever the
// canceller holds; `self` makes the cycle: Deferred -> canceller -> Deferred.
namespace {
struct CancellerCycle {
    std::shared_ptr<int> token = std::make_shared<int>(0);
    std::weak_ptr<int> watch = token;
    std::weak_ptr<std::optional<Deferred>> deferredSlot;

    Deferred make() {
        auto self = std::make_shared<std::optional<Deferred>>();
        deferredSlot = self;
        Deferred d([self, token = std::move(token)](Deferred&) {});
        *self = d;
        return d;
    }
};
}  // namespace

TEST_CASE("Deferred cancel: a canceller that holds its own Deferred is freed when the Deferred succeeds") {
    CancellerCycle cycle;
    {
        Deferred d = cycle.make();
        d.callback(nullptr);
    }
    CHECK(cycle.watch.expired());
    CHECK(cycle.deferredSlot.expired());
}

TEST_CASE("Deferred cancel: a canceller that holds its own Deferred is freed when the Deferred fails") {
    CancellerCycle cycle;
    {
        Deferred d = cycle.make();
        d.errback(std::runtime_error("the test demands a failure"));
        d.addErrback([](Failure) {});
    }
    CHECK(cycle.watch.expired());
    CHECK(cycle.deferredSlot.expired());
}

TEST_CASE("Deferred cancel: the canceller is freed once fired even while the chain waits on another Deferred") {
    CancellerCycle cycle;
    Deferred inner;
    {
        Deferred d = cycle.make();
        d.addCallback([inner](const Value&) { return inner; });
        d.callback(nullptr);
    }
    CHECK(cycle.watch.expired());
}

TEST_CASE("Deferred cancel: a canceller that fires its Deferred finishes running although it is released") {
    auto calls = std::make_shared<int>(0);
    Deferred d([calls](Deferred& self) {
        self.callback("stopped");
        ++*calls;  // the canceller's own captures are still alive here
    });
    d.cancel();
    CHECK(*calls == 1);
    CHECK(d.result().value() == "stopped");
}
