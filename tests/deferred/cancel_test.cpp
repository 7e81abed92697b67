// Deferred::cancel, after Twisted's DeferredCancellerTests.
#include <catch2/catch.hpp>

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
