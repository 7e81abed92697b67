// CompareAlign: the second trace of a side-by-side replay steps with the first by elapsed time,
// or by share of the run, and falls back to share of the events when a clock did not move.
#include <catch2/catch.hpp>

#include "model/compare_align.h"
#include "trace_fixtures.h"

using namespace lab::viz;
using namespace lab::viz::test;

namespace {

// A trace of `count` events, `step` ns apart, from `start`.
TraceModel evenTrace(int count, std::int64_t start, std::int64_t step) {
    std::string text;
    for (int i = 0; i < count; ++i) {
        text += R"({"seq":)" + std::to_string(i + 1) + R"(,"t":)" + std::to_string(start + step * i) +
                R"(,"iter":0,"kind":"thread_started","thread":)" + std::to_string(i + 1) + "}\n";
    }
    return modelFromText(text);
}

}  // namespace

TEST_CASE("CompareAlign: by elapsed time, the other trace has every event up to the same time since its start") {
    TraceModel first = evenTrace(11, 1000, 100);   // t = 1000 .. 2000
    TraceModel other = evenTrace(21, 50000, 50);   // t = 50000 .. 51000
    Alignment start = alignTraces(first, 0, other, AlignBy::elapsedTime);
    CHECK(start.position == 0);
    // After event 4 (t = 1300, 300 ns in), the other trace has applied t <= 50300: 7 events.
    Alignment middle = alignTraces(first, 4, other, AlignBy::elapsedTime);
    CHECK(middle.position == 7);
    CHECK(middle.used == AlignBy::elapsedTime);
    CHECK(alignTraces(first, 11, other, AlignBy::elapsedTime).position == 21);
    // The other way round, past the end of the shorter trace: everything.
    CHECK(alignTraces(evenTrace(3, 0, 1000), 3, other, AlignBy::elapsedTime).position == 21);
}

TEST_CASE("CompareAlign: by share of the run's time, the middle of one is the middle of the other") {
    TraceModel first = evenTrace(11, 0, 100);    // 1000 ns long
    TraceModel other = evenTrace(11, 0, 1000);   // 10000 ns long
    Alignment half = alignTraces(first, 6, other, AlignBy::fractionOfTime);  // t = 500: half way
    CHECK(half.position == 6);
    CHECK(half.used == AlignBy::fractionOfTime);
    CHECK(alignTraces(first, 6, other, AlignBy::elapsedTime).position == 1);
}

TEST_CASE("CompareAlign: when a clock did not move, both step by share of the events") {
    TraceModel manual = evenTrace(10, 0, 0);  // a ManualClock lesson: every event at t = 0
    TraceModel timed = evenTrace(21, 0, 10);
    Alignment aligned = alignTraces(manual, 5, timed, AlignBy::elapsedTime);
    CHECK(aligned.used == AlignBy::fractionOfEvents);
    CHECK(aligned.position == 11);  // half of 21, rounded
    CHECK(alignTraces(timed, 21, manual, AlignBy::elapsedTime).position == 10);
    CHECK(alignTraces(timed, 0, manual, AlignBy::elapsedTime).position == 0);
}
