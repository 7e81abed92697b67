// Clock: ManualClock moves only when told; SystemClock is monotonic.
#include <catch2/catch.hpp>

#include "clock/clock.h"

using namespace lab;
using namespace std::chrono_literals;

TEST_CASE("ManualClock: starts at zero and moves only by advance") {
    ManualClock clock;
    CHECK(clock.now() == TimePoint(0s));
    clock.advance(1500ms);
    CHECK(clock.now() == TimePoint(1500ms));
    CHECK(clock.kind() == "manual");
    CHECK_FALSE(clock.waitsForReal());
}

TEST_CASE("ManualClock: refuses to go backwards") {
    ManualClock clock;
    clock.advance(2s);
    CHECK_THROWS_WITH(clock.advance(-1s), Catch::Contains("cannot go backwards"));
    CHECK(clock.now() == TimePoint(2s));
}

TEST_CASE("SystemClock: never goes backwards and waits for real") {
    SystemClock clock;
    TimePoint first = clock.now();
    TimePoint second = clock.now();
    CHECK(second >= first);
    CHECK(first >= TimePoint(0s));
    CHECK(clock.waitsForReal());
    CHECK(clock.kind() == "system");
}
