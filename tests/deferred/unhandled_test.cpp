// "Unhandled error in Deferred": a Deferred destroyed while its chain ends in a Failure.
#include <catch2/catch.hpp>

#include <iostream>
#include <sstream>
#include <string>

#include "core/reactor.h"
#include "deferred/deferred.h"
#include "deferred/deferred_tracing.h"
#include "trace/memory_sink.h"

using namespace lab;

namespace {
// Captures std::cerr for the life of the object.
class CerrCapture {
public:
    CerrCapture() : old_(std::cerr.rdbuf(text_.rdbuf())) {}
    ~CerrCapture() { std::cerr.rdbuf(old_); }
    std::string text() const { return text_.str(); }

private:
    std::ostringstream text_;
    std::streambuf* old_;
};
}  // namespace

TEST_CASE("Unhandled error: a Deferred destroyed holding a Failure reports it on stderr") {
    CerrCapture capture;
    {
        Deferred d("lost work");
        d.errback(std::runtime_error("nobody listened"));
    }
    std::string text = capture.text();
    CHECK(text.find("Unhandled error in Deferred") != std::string::npos);
    CHECK(text.find("lost work") != std::string::npos);
    CHECK(text.find("std::runtime_error: nobody listened") != std::string::npos);
}

TEST_CASE("Unhandled error: a Failure that an errback handled is not reported") {
    CerrCapture capture;
    {
        Deferred d;
        d.addErrback([](Failure) { return "fine"; });
        d.errback(std::runtime_error("handled"));
    }
    CHECK(capture.text().empty());
}

TEST_CASE("Unhandled error: an unfired Deferred and one ending in a value report nothing") {
    CerrCapture capture;
    {
        Deferred unfired;
        Deferred fine = succeed(1);
    }
    CHECK(capture.text().empty());
}

TEST_CASE("Unhandled error: a Failure handed on to an outer Deferred is reported only by the outer one") {
    CerrCapture capture;
    {
        Deferred inner;
        {
            Deferred outer("outer");
            outer.addCallback([&](const Value&) { return inner; });
            outer.callback(0);
            inner.errback(std::runtime_error("inner failed"));
        }
        std::string text = capture.text();
        CHECK(text.find("(outer,") != std::string::npos);
    }
    CHECK(capture.text().find("Unhandled error in Deferred") == capture.text().rfind("Unhandled error in Deferred"));
}

TEST_CASE("Unhandled error: the report is also a deferred_unhandled trace event") {
    CerrCapture capture;
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"select", &clock, &sink});
    DeferredTracing tracing(reactor.tracer());
    {
        Deferred d("lost");
        d.errback(std::runtime_error("x"));
    }
    auto events = sink.ofKind("deferred_unhandled");
    REQUIRE(events.size() == 1);
    CHECK(events[0]["deferred"] == 1);
    CHECK(events[0]["failure"] == "std::runtime_error: x");
}
