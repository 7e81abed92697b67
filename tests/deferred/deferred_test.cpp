// Deferred: the chain's semantics, ported from the cases of Twisted's test_defer.py.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "deferred/deferred.h"

using namespace lab;

TEST_CASE("Deferred: callbacks run in order, each getting the previous one's result") {
    Deferred d;
    std::vector<int> seen;
    d.addCallback([&](int x) {
        seen.push_back(x);
        return x + 1;
    });
    d.addCallback([&](int x) {
        seen.push_back(x);
        return x * 10;
    });
    CHECK(seen.empty());
    d.callback(1);
    CHECK(seen == std::vector<int>{1, 2});
    CHECK(d.result().value() == 20);
}

TEST_CASE("Deferred: a callback that returns nothing hands on null") {
    Deferred d;
    d.addCallback([](const Value&) {});
    d.callback("x");
    CHECK(d.result().value().is_null());
}

TEST_CASE("Deferred: a callback that throws moves the chain to the errback side") {
    Deferred d;
    bool secondCallbackRan = false;
    std::string caught;
    d.addCallback([](const Value&) -> Value { throw std::runtime_error("boom"); });
    d.addCallback([&](const Value&) { secondCallbackRan = true; });
    d.addErrback([&](Failure f) {
        caught = f.summary();
        return f;
    });
    d.addErrback([](Failure) { return "recovered"; });
    d.callback(1);
    CHECK_FALSE(secondCallbackRan);
    CHECK(caught == "std::runtime_error: boom");
    CHECK(d.result().value() == "recovered");
}

TEST_CASE("Deferred: an errback that returns a value moves the chain back to the callback side") {
    Deferred d;
    std::vector<std::string> path;
    d.addErrback([&](Failure) {
        path.push_back("errback");
        return 5;
    });
    d.addCallbacks([&](int x) { path.push_back("callback " + std::to_string(x)); },
                   [&](Failure) { path.push_back("second errback"); });
    d.errback(std::runtime_error("fail"));
    CHECK(path == std::vector<std::string>{"errback", "callback 5"});
}

TEST_CASE("Deferred: an errback that rethrows keeps the chain on the errback side") {
    Deferred d;
    d.addErrback([](Failure f) { f.trap<std::logic_error>(); });
    int errbacks = 0;
    d.addErrback([&](Failure f) {
        ++errbacks;
        CHECK(f.check<std::runtime_error>());
    });
    d.errback(std::runtime_error("not a logic error"));
    CHECK(errbacks == 1);
    CHECK(d.result().value().is_null());
}

TEST_CASE("Deferred: errback with no argument inside a catch block wraps the exception in flight") {
    Deferred d;
    try {
        throw std::out_of_range("late");
    } catch (...) {
        d.errback();
    }
    REQUIRE(d.result().isFailure());
    CHECK(d.result().failure().check<std::out_of_range>());
    d.addErrback([](Failure) {});
}

TEST_CASE("Deferred: callbacks added after firing run at once") {
    Deferred d;
    d.callback(3);
    int seen = 0;
    d.addCallback([&](int x) { seen = x; });
    CHECK(seen == 3);
}

TEST_CASE("Deferred: firing twice raises AlreadyCalledError") {
    Deferred d;
    d.callback(1);
    CHECK_THROWS_AS(d.callback(2), AlreadyCalledError);
    CHECK_THROWS_AS(d.errback(std::runtime_error("x")), AlreadyCalledError);
    Deferred e;
    e.errback(std::runtime_error("x"));
    CHECK_THROWS_AS(e.callback(1), AlreadyCalledError);
    e.addErrback([](Failure) {});
}

TEST_CASE("Deferred: addBoth runs on either side and addCallbacks runs only one side of its pair") {
    std::vector<std::string> path;
    Deferred ok;
    ok.addBoth([&](Result r) {
        path.push_back(r.isFailure() ? "both:failure" : "both:value");
        return r;
    });
    ok.addCallbacks([&](const Value&) { path.push_back("cb"); }, [&](Failure) { path.push_back("eb"); });
    ok.callback(1);
    Deferred bad;
    bad.addBoth([&](Result r) {
        path.push_back(r.isFailure() ? "both:failure" : "both:value");
        return r;
    });
    bad.addCallbacks([&](const Value&) { path.push_back("cb"); }, [&](Failure) { path.push_back("eb"); });
    bad.errback(std::runtime_error("x"));
    CHECK(path == std::vector<std::string>{"both:value", "cb", "both:failure", "eb"});
}

TEST_CASE("Deferred: a callback that returns an unfired Deferred pauses the outer chain until it fires") {
    Deferred outer;
    Deferred inner;
    std::vector<std::string> order;
    outer.addCallback([&](const Value&) {
        order.push_back("returns inner");
        return inner;
    });
    outer.addCallback([&](const Value& v) {
        order.push_back("after inner: " + v.dump());
        return v;
    });
    outer.callback("start");
    CHECK(order == std::vector<std::string>{"returns inner"});
    CHECK(outer.called());
    CHECK_FALSE(outer.hasResult());
    CHECK(outer.isPaused());
    inner.callback("inner result");
    CHECK(order == std::vector<std::string>{"returns inner", "after inner: \"inner result\""});
    CHECK(outer.result().value() == "inner result");
    CHECK_FALSE(outer.isPaused());
    // As in Twisted, the inner Deferred gave its result away and is left with null.
    CHECK(inner.result().value().is_null());
}

TEST_CASE("Deferred: a callback that returns a fired Deferred continues at once with its result") {
    Deferred outer;
    Deferred inner = succeed(7);
    outer.addCallback([&](const Value&) { return inner; });
    outer.callback(0);
    CHECK(outer.result().value() == 7);
    CHECK(inner.result().value().is_null());
}

TEST_CASE("Deferred: an inner Deferred that fails sends the outer chain to its errback side") {
    Deferred outer;
    Deferred inner;
    std::string caught;
    outer.addCallback([&](const Value&) { return inner; });
    outer.addErrback([&](Failure f) { caught = f.getErrorMessage(); });
    outer.callback(0);
    inner.errback(std::runtime_error("inner broke"));
    CHECK(caught == "inner broke");
}

TEST_CASE("Deferred: nested Deferreds run in Twisted's order (inner steps first, then the outer chain)") {
    // After Twisted's test_nestedAsynchronousChainedDeferreds.
    std::vector<std::string> results;
    Deferred first;
    Deferred second;
    first.addCallback([&](const Value& v) {
        results.push_back("start-of-cb: " + v.get<std::string>());
        second.addCallback([&](const Value& v2) {
            results.push_back("inner-cb: " + v2.get<std::string>());
            return "inner";
        });
        return second;
    });
    first.addCallback([&](const Value& v) { results.push_back("outer-cb: " + v.get<std::string>()); });
    first.callback("outer");
    CHECK(results == std::vector<std::string>{"start-of-cb: outer"});
    second.callback("withers");
    CHECK(results == std::vector<std::string>{"start-of-cb: outer", "inner-cb: withers", "outer-cb: inner"});
}

TEST_CASE("Deferred: a step that returns its own Deferred fails instead of waiting forever") {
    Deferred d;
    d.addCallback([&](const Value&) { return d; });
    d.callback(1);
    REQUIRE(d.result().isFailure());
    CHECK(d.result().failure().check<std::logic_error>());
    d.addErrback([](Failure) {});
}

TEST_CASE("Deferred: pause stops the chain and unpause runs what was held back") {
    Deferred d;
    std::vector<int> seen;
    d.pause();
    d.addCallback([&](int x) { seen.push_back(x); });
    d.callback(1);
    CHECK(seen.empty());
    d.unpause();
    CHECK(seen == std::vector<int>{1});
}

TEST_CASE("Deferred: pauses are counted, so each pause needs its own unpause") {
    Deferred d;
    bool ran = false;
    d.pause();
    d.pause();
    d.callback(1);
    d.addCallback([&](const Value&) { ran = true; });
    d.unpause();
    CHECK_FALSE(ran);
    d.unpause();
    CHECK(ran);
    CHECK_THROWS_AS(d.unpause(), std::logic_error);
}

TEST_CASE("Deferred: a callback that returns a paused Deferred waits until that one is unpaused") {
    Deferred outer;
    Deferred inner = succeed(4);
    inner.pause();
    outer.addCallback([&](const Value&) { return inner; });
    outer.callback(0);
    CHECK_FALSE(outer.hasResult());
    inner.unpause();
    CHECK(outer.result().value() == 4);
}

TEST_CASE("Deferred: chainDeferred fires the other Deferred with this chain's result") {
    Deferred a;
    Deferred b;
    a.chainDeferred(b);
    int seen = 0;
    b.addCallback([&](int x) { seen = x; });
    a.callback(9);
    CHECK(seen == 9);
    CHECK(a.result().value().is_null());
    Deferred c;
    Deferred e;
    c.chainDeferred(e);
    c.errback(std::runtime_error("passed along"));
    REQUIRE(e.result().isFailure());
    CHECK(e.result().failure().getErrorMessage() == "passed along");
    e.addErrback([](Failure) {});
}

TEST_CASE("Deferred: succeed and fail give Deferreds that have already fired") {
    Deferred ok = succeed({{"answer", 42}});
    CHECK(ok.result().value()["answer"] == 42);
    Deferred bad = fail(Failure(std::runtime_error("no")));
    CHECK(bad.result().isFailure());
    bad.addErrback([](Failure) {});
}

TEST_CASE("Deferred: maybeDeferred turns a value, an exception or a Deferred into a Deferred") {
    CHECK(maybeDeferred([] { return 5; }).result().value() == 5);
    Deferred thrown = maybeDeferred([]() -> Value { throw std::runtime_error("early"); });
    REQUIRE(thrown.result().isFailure());
    CHECK(thrown.result().failure().getErrorMessage() == "early");
    thrown.addErrback([](Failure) {});
    Deferred pending;
    CHECK(maybeDeferred([&] { return pending; }) == pending);
}

TEST_CASE("Deferred: each Deferred gets its own id and a label") {
    Deferred a("fetch page");
    Deferred b;
    CHECK(a.id() != b.id());
    CHECK(a.label() == "fetch page");
    CHECK(b.label() == "deferred " + std::to_string(b.id()));
}

// After Twisted's test_chainDeferredRecordsExplicitChain, test_explicitChainClearedWhenResolved
// and test_chainDeferredRecordsImplicitChain (Twisted's _chainedTo).
TEST_CASE("Deferred chainedTo: a Deferred paused on an inner one names it until it resumes") {
    Deferred a, b;
    CHECK_FALSE(a.chainedTo().has_value());
    a.addCallback([b](const Value&) { return b; });
    a.callback(nullptr);
    REQUIRE(a.chainedTo().has_value());
    CHECK(*a.chainedTo() == b);
    b.callback("inner result");
    CHECK_FALSE(a.chainedTo().has_value());
    CHECK(a.result().value() == "inner result");
}

TEST_CASE("Deferred chainedTo: chainDeferred records the chain until the first Deferred fires the second") {
    Deferred a, b;
    b.chainDeferred(a);
    REQUIRE(a.chainedTo().has_value());
    CHECK(*a.chainedTo() == b);
    b.callback(nullptr);
    CHECK_FALSE(a.chainedTo().has_value());
}
