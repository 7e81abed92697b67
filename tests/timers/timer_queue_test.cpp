// TimerQueue: ordering by (time, sequence), phases, and bad input.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "timers/timer_queue.h"

using namespace lab;
using namespace std::chrono_literals;

namespace {
struct Fixture {
    ManualClock clock;
    Tracer tracer{clock, nullptr};
    TimerQueue queue{clock, tracer};
    std::vector<std::string> ran;

    void add(Duration delay, std::string name) {
        queue.schedule(delay, [this, name] { ran.push_back(name); }, std::source_location::current());
    }
    void runDue() {
        auto limit = queue.nextSequence();
        while (auto due = queue.popDue(clock.now(), limit)) due->fn();
    }
};
}  // namespace

TEST_CASE("TimerQueue: equal deadlines fire in the order they were scheduled") {
    Fixture f;
    f.add(2s, "first");
    f.add(2s, "second");
    f.add(2s, "third");
    f.clock.advance(2s);
    f.runDue();
    CHECK(f.ran == std::vector<std::string>{"first", "second", "third"});
}

TEST_CASE("TimerQueue: an earlier deadline fires first whatever the scheduling order") {
    Fixture f;
    f.add(3s, "late");
    f.add(1s, "early");
    f.add(2s, "middle");
    f.clock.advance(5s);
    f.runDue();
    CHECK(f.ran == std::vector<std::string>{"early", "middle", "late"});
}

TEST_CASE("TimerQueue: nothing runs before its time") {
    Fixture f;
    f.add(1s, "a");
    f.clock.advance(999ms);
    f.runDue();
    CHECK(f.ran.empty());
    f.clock.advance(1ms);
    f.runDue();
    CHECK(f.ran == std::vector<std::string>{"a"});
}

TEST_CASE("TimerQueue: nextTime is the earliest pending time, and empty when none is pending") {
    Fixture f;
    CHECK_FALSE(f.queue.nextTime().has_value());
    f.add(5s, "a");
    f.add(2s, "b");
    REQUIRE(f.queue.nextTime().has_value());
    CHECK(*f.queue.nextTime() == TimePoint(2s));
    CHECK(f.queue.countDue(TimePoint(4s)) == 1);
}

TEST_CASE("TimerQueue: a call scheduled for now during a phase waits for the next phase") {
    Fixture f;
    f.queue.schedule(0s, [&] {
        f.ran.push_back("outer");
        f.add(0s, "inner");
    }, std::source_location::current());
    f.runDue();
    CHECK(f.ran == std::vector<std::string>{"outer"});
    f.runDue();
    CHECK(f.ran == std::vector<std::string>{"outer", "inner"});
}

TEST_CASE("TimerQueue: a negative delay is refused with a message naming the call site") {
    Fixture f;
    try {
        f.add(-1s, "never");
        FAIL("no exception");
    } catch (const std::invalid_argument& e) {
        std::string what = e.what();
        CHECK(what.find("delay must be >= 0") != std::string::npos);
        CHECK(what.find("timer_queue_test.cpp") != std::string::npos);
    }
    CHECK(f.queue.size() == 0);
}
