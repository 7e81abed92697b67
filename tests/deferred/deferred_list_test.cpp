// DeferredList and gatherResults, after Twisted's DeferredListTest and gatherResults tests.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "clock/clock.h"
#include "core/reactor.h"
#include "deferred/deferred_list.h"
#include "deferred/deferred_tracing.h"
#include "trace/memory_sink.h"

using namespace lab;

TEST_CASE("DeferredList: fires with [success, result] pairs in the input's order once all have fired") {
    Deferred a, b, c;
    DeferredList list({a, b, c});
    Value seen;
    list.addCallback([&](const Value& v) { seen = v; });
    c.callback("third");
    a.callback(1);
    CHECK(seen.is_null());
    b.errback(std::runtime_error("second failed"));
    CHECK(seen == Value::parse(R"([[true,1],[false,"std::runtime_error: second failed"],[true,"third"]])"));
    // Without consumeErrors the Failure goes on down its own Deferred.
    REQUIRE(b.result().isFailure());
    b.addErrback([](Failure) {});
}

TEST_CASE("DeferredList: an empty list fires at once with an empty array") {
    DeferredList list({});
    CHECK(list.result().value() == Value::array());
}

TEST_CASE("DeferredList: already-fired Deferreds are counted at once") {
    DeferredList list({succeed(1), succeed(2)});
    CHECK(list.result().value() == Value::parse("[[true,1],[true,2]]"));
}

TEST_CASE("DeferredList: fireOnOneCallback fires with [value, index] at the first success") {
    Deferred a, b;
    DeferredList list({a, b}, {.fireOnOneCallback = true});
    b.callback("fast");
    CHECK(list.result().value() == Value::parse(R"(["fast",1])"));
    a.callback("slow");  // no AlreadyCalledError: the list has fired and ignores the rest
}

TEST_CASE("DeferredList: fireOnOneErrback fails with FirstError carrying the failure and its index") {
    Deferred a, b;
    DeferredList list({a, b}, {.fireOnOneErrback = true});
    std::size_t index = 99;
    std::string message;
    list.addErrback([&](Failure f) {
        try {
            f.raiseException();
        } catch (const FirstError& e) {
            index = e.index;
            message = e.subFailure.getErrorMessage();
        }
    });
    a.callback(1);
    b.errback(std::runtime_error("broken"));
    CHECK(index == 1);
    CHECK(message == "broken");
    b.addErrback([](Failure) {});
}

TEST_CASE("DeferredList: consumeErrors turns each failure into null on its own Deferred") {
    Deferred a;
    DeferredList list({a}, {.consumeErrors = true});
    a.errback(std::runtime_error("eaten"));
    CHECK(a.result().value().is_null());
    CHECK(list.result().value()[0][0] == false);
}

TEST_CASE("DeferredList: cancel cancels every Deferred in it") {
    int cancelled = 0;
    Deferred a([&](Deferred&) { ++cancelled; });
    Deferred b([&](Deferred&) { ++cancelled; });
    DeferredList list({a, b}, {.consumeErrors = true});
    list.cancel();
    CHECK(cancelled == 2);
    const Value& results = list.result().value();
    CHECK(results[0][0] == false);
    CHECK(results[1][0] == false);
    CHECK(results[0][1].get<std::string>().rfind("lab::CancelledError", 0) == 0);
}

TEST_CASE("DeferredList: a list nobody holds still fires and resumes whoever waits on it") {
    Deferred a;
    Deferred outer;
    Value seen;
    outer.addCallback([&](const Value&) { return DeferredList({a}); });
    outer.addCallback([&](const Value& v) { seen = v; });
    outer.callback(0);
    a.callback("done");
    CHECK(seen == Value::parse(R"([[true,"done"]])"));
}

TEST_CASE("gatherResults: fires with the values in order") {
    Deferred a, b;
    Deferred all = gatherResults({a, b});
    b.callback(2);
    a.callback(1);
    CHECK(all.result().value() == Value::parse("[1,2]"));
}

TEST_CASE("gatherResults: fails with FirstError at the first failure") {
    Deferred a, b;
    Deferred all = gatherResults({a, b}, true);
    bool firstError = false;
    all.addErrback([&](Failure f) { firstError = f.check<FirstError>(); });
    a.errback(std::runtime_error("no"));
    CHECK(firstError);
    CHECK(a.result().value().is_null());  // consumeErrors
}

// After Twisted's test_cancelDeferredListWithException: DeferredList.cancel logs what an
// input's canceller raises and goes on cancelling the others.
TEST_CASE("DeferredList: cancel goes on past an input whose canceller throws, and logs it") {
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"select", &clock, &sink});
    DeferredTracing tracing(reactor.tracer());
    Deferred throwing([](Deferred&) { throw std::runtime_error("canceller failed"); });
    Deferred plain;
    DeferredList list({throwing, plain});
    CHECK_NOTHROW(list.cancel());
    REQUIRE(plain.called());
    CHECK(plain.result().failure().check<CancelledError>());
    plain.addErrback([](Failure) {});
    CHECK_FALSE(throwing.called());  // its canceller raised before any CancelledError
    CHECK_FALSE(list.called());      // one input has not fired, so neither has the list
    auto logged = sink.ofKind("error_logged");
    REQUIRE(logged.size() == 1);
    CHECK(logged[0]["error"] == "std::runtime_error: canceller failed");
    CHECK(logged[0]["source"].get<std::string>().rfind("canceller of deferred " + std::to_string(throwing.id()), 0) == 0);
    throwing.callback("late but fine");
    REQUIRE(list.called());
    CHECK(list.result().value()[0] == Value::parse(R"([true,"late but fine"])"));
    CHECK(list.result().value()[1][0] == false);
}

// After Twisted's test_cancelDeferredListCallback: the inputs' results decide the list's.
TEST_CASE("DeferredList: cancel fires the list with what the inputs' cancellers made of them") {
    Deferred callsBack([](Deferred& self) { self.callback("Callback Result"); });
    Deferred plain;
    DeferredList list({callsBack, plain});
    list.cancel();
    const Value& results = list.result().value();
    CHECK(results[0] == Value::parse(R"([true,"Callback Result"])"));
    CHECK(results[1][0] == false);
    plain.addErrback([](Failure) {});
}

// After Twisted's test_cancelDeferredListWithFireOnOneCallbackAndDeferredCallback.
TEST_CASE("DeferredList: cancel with fireOnOneCallback fires with the first success its cancellers made") {
    Deferred callsBack([](Deferred& self) { self.callback("Callback Result"); });
    Deferred plain;
    DeferredList list({callsBack, plain}, {.fireOnOneCallback = true});
    list.cancel();
    CHECK(list.result().value() == Value::parse(R"(["Callback Result",0])"));
    CHECK(plain.result().failure().check<CancelledError>());
    plain.addErrback([](Failure) {});
}

// After Twisted's test_cancelFiredOnOneCallbackDeferredList and ...OnOneErrback...
TEST_CASE("DeferredList: cancel after the list fired on one input leaves the other inputs alone") {
    Deferred a, b;
    DeferredList list({a, b}, {.fireOnOneCallback = true});
    a.callback(nullptr);
    list.cancel();
    CHECK_FALSE(b.called());
}

// After Twisted's testDeferredListDontConsumeErrors / testDeferredListConsumeErrors, where the
// list's entry holds the Failure itself (firstResult[1].value.args[0] == "Bang").
TEST_CASE("DeferredList: addEntriesCallback gets the real Failure, which can be checked and trapped") {
    Deferred a, b;
    DeferredList list({a, b}, {.consumeErrors = true});
    std::string message;
    bool trapped = false;
    bool otherTrapRethrew = false;
    list.addEntriesCallback([&](const std::vector<DeferredListEntry>& entries) {
        CHECK(entries[0].success);
        CHECK(entries[0].result.value() == 1);
        REQUIRE_FALSE(entries[1].success);
        const Failure& failure = entries[1].result.failure();
        message = failure.getErrorMessage();
        failure.trap<std::runtime_error>();
        trapped = true;
        try {
            failure.trap<std::invalid_argument>();
        } catch (const std::runtime_error&) {
            otherTrapRethrew = true;
        }
        return "handled";
    });
    a.callback(1);
    b.errback(std::runtime_error("Bang"));
    CHECK(message == "Bang");
    CHECK(trapped);
    CHECK(otherTrapRethrew);
    CHECK(list.result().value() == "handled");
    CHECK(b.result().value().is_null());  // consumeErrors: handled on b's own chain too
}

TEST_CASE("DeferredList: after cancel, the entries hold each input's CancelledError") {
    Deferred callsBack([](Deferred& self) { self.callback("Callback Result"); });
    Deferred plain;
    DeferredList list({callsBack, plain}, {.consumeErrors = true});
    bool second = false;
    list.addEntriesCallback([&](const std::vector<DeferredListEntry>& entries) {
        CHECK(entries[0].result.value() == "Callback Result");
        second = !entries[1].success && entries[1].result.failure().check<CancelledError>();
    });
    list.cancel();
    CHECK(second);
}

TEST_CASE("DeferredList: addEntriesCallback is refused on a list with fireOnOneCallback") {
    Deferred a;
    DeferredList list({a}, {.fireOnOneCallback = true});
    CHECK_THROWS_AS(list.addEntriesCallback([](const std::vector<DeferredListEntry>&) {}), std::logic_error);
}
