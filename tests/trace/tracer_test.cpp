// Tracer: on/off, and the stamps every event carries.
#include <catch2/catch.hpp>

#include "trace/memory_sink.h"
#include "trace/tracer.h"

using namespace lab;
using namespace std::chrono_literals;

TEST_CASE("Tracer: with no sink, or a NullSink, tracing is off and nothing is recorded") {
    ManualClock clock;
    Tracer none(clock, nullptr);
    CHECK_FALSE(none.on());
    NullSink null;
    Tracer withNull(clock, &null);
    CHECK_FALSE(withNull.on());
    CHECK_NOTHROW(withNull.emit("anything", {{"x", 1}}));
}

TEST_CASE("Tracer: stamps each event with seq, time and iteration") {
    ManualClock clock;
    MemorySink sink;
    Tracer tracer(clock, &sink);
    tracer.emit("first");
    clock.advance(250ms);
    tracer.beginIteration();
    tracer.emit("second", {{"n", 3}, {"label", "hello"}, {"flag", true}, {"none", nullptr}});
    REQUIRE(sink.events().size() == 2);
    const TraceJson& second = sink.events()[1];
    CHECK(second["seq"] == 2);
    CHECK(second["t"] == 250'000'000);
    CHECK(second["iter"] == 1);
    CHECK(second["kind"] == "second");
    CHECK(second["n"] == 3);
    CHECK(second["label"] == "hello");
    CHECK(second["flag"] == true);
    CHECK(second["none"].is_null());
}
