// ReplayCursor: stepping either way by event or iteration, to a kind, to breakpoints, and play.
#include <catch2/catch.hpp>

#include <random>

#include "model/replay_cursor.h"
#include "trace_fixtures.h"

using namespace lab;
using namespace lab::viz;
using namespace lab::viz::test;

TEST_CASE("ReplayCursor: a step back gives the same state as stepping forward to that event") {
    TraceModel model = syntheticModel(3000);
    Keyframes keyframes(model, 50);
    ReplayCursor forward(model, keyframes);
    std::vector<LoopState> states{forward.state()};
    while (!forward.atEnd()) {
        forward.stepForward();
        states.push_back(forward.state());
    }
    ReplayCursor back(model, keyframes);
    back.toEnd();
    while (!back.atStart()) {
        REQUIRE(back.state() == states[back.position()]);
        back.stepBack();
    }
    CHECK(back.state() == states[0]);
    // And random seeks land on the same states.
    std::mt19937 random(7);
    std::uniform_int_distribution<std::size_t> position(0, model.size());
    for (int i = 0; i < 50; ++i) {
        std::size_t at = position(random);
        back.seek(at);
        REQUIRE(back.state() == states[at]);
    }
}

TEST_CASE("ReplayCursor: the previous state is the one before the last move") {
    TraceModel model = syntheticModel(200);
    Keyframes keyframes(model, 16);
    ReplayCursor cursor(model, keyframes);
    cursor.seek(10);
    LoopState at10 = cursor.state();
    cursor.stepForward();
    CHECK(cursor.previous() == at10);
    CHECK(cursor.position() == 11);
    CHECK(cursor.currentIndex() == 10);
}

TEST_CASE("ReplayCursor: seeks are clamped to the trace") {
    TraceModel model = syntheticModel(200);
    Keyframes keyframes(model);
    ReplayCursor cursor(model, keyframes);
    cursor.seek(model.size() + 100);
    CHECK(cursor.atEnd());
    cursor.stepForward();
    CHECK(cursor.atEnd());
    cursor.toStart();
    cursor.stepBack();
    CHECK(cursor.atStart());
}

TEST_CASE("ReplayCursor: iteration steps land on each iteration's first event") {
    TraceModel model = syntheticModel(500);
    Keyframes keyframes(model, 32);
    ReplayCursor cursor(model, keyframes);
    const auto& spans = model.iterations();
    REQUIRE(spans.size() > 5);
    cursor.nextIteration();
    CHECK(cursor.currentIndex() == spans[1].first);
    cursor.nextIteration();
    CHECK(cursor.currentIndex() == spans[2].first);
    CHECK(model.kindOf(cursor.currentIndex()) == "iteration_begin");
    cursor.stepForward();
    cursor.stepForward();
    cursor.previousIteration();  // back to the start of this iteration
    CHECK(cursor.currentIndex() == spans[2].first);
    cursor.previousIteration();  // then to the previous one
    CHECK(cursor.currentIndex() == spans[1].first);
    cursor.seek(spans.back().first + 1);
    cursor.nextIteration();
    CHECK(cursor.atEnd());
}

TEST_CASE("ReplayCursor: next and previous event of a kind") {
    TraceModel model = syntheticModel(500);
    Keyframes keyframes(model, 32);
    ReplayCursor cursor(model, keyframes);
    REQUIRE(cursor.nextOfKind("timer_fired"));
    std::size_t first = cursor.currentIndex();
    CHECK(model.kindOf(first) == "timer_fired");
    REQUIRE(cursor.nextOfKind("timer_fired"));
    std::size_t second = cursor.currentIndex();
    CHECK(second > first);
    for (std::size_t i = first + 1; i < second; ++i) CHECK(model.kindOf(i) != "timer_fired");
    REQUIRE(cursor.previousOfKind("timer_fired"));
    CHECK(cursor.currentIndex() == first);
    CHECK_FALSE(cursor.previousOfKind("timer_fired"));
    CHECK(cursor.currentIndex() == first);
    CHECK_FALSE(cursor.nextOfKind("no_such_kind"));
}

TEST_CASE("ReplayCursor: play moves at its speed and pauses on a breakpoint kind") {
    TraceModel model = syntheticModel(500);
    Keyframes keyframes(model, 32);
    ReplayCursor cursor(model, keyframes);
    cursor.setSpeed(10.0);
    cursor.play();
    CHECK(cursor.tick(0.05) == 0);  // half an event
    CHECK(cursor.tick(0.05) == 1);
    CHECK(cursor.position() == 1);
    cursor.setBreakpoint("handler_called", true);
    CHECK(cursor.hasBreakpoint("handler_called"));
    cursor.setSpeed(1e6);
    cursor.tick(1.0);
    CHECK_FALSE(cursor.playing());
    CHECK(model.kindOf(cursor.currentIndex()) == "handler_called");
    std::size_t at = cursor.currentIndex();
    // Play on: stops at the next one, not the same one.
    cursor.play();
    cursor.tick(1.0);
    CHECK(cursor.currentIndex() > at);
    CHECK(model.kindOf(cursor.currentIndex()) == "handler_called");
    cursor.setBreakpoint("handler_called", false);
    cursor.play();
    cursor.tick(1.0);
    CHECK(cursor.atEnd());
    CHECK_FALSE(cursor.playing());
}

TEST_CASE("ReplayCursor: next and previous breakpoint go to the nearest breakpoint kind") {
    TraceModel model = syntheticModel(500);
    Keyframes keyframes(model, 32);
    ReplayCursor cursor(model, keyframes);
    cursor.setBreakpoint("timer_cancelled", true);
    cursor.setBreakpoint("writer_added", true);
    REQUIRE(cursor.nextBreakpoint());
    std::size_t first = cursor.currentIndex();
    REQUIRE(cursor.nextBreakpoint());
    std::size_t second = cursor.currentIndex();
    for (std::size_t i = first + 1; i < second; ++i) {
        CHECK(model.kindOf(i) != "timer_cancelled");
        CHECK(model.kindOf(i) != "writer_added");
    }
    REQUIRE(cursor.previousBreakpoint());
    CHECK(cursor.currentIndex() == first);
}

TEST_CASE("ReplayCursor: after a jump, the previous state is the one just before the current event") {
    TraceModel model = syntheticModel(300);
    Keyframes keyframes(model, 16);
    ReplayCursor cursor(model, keyframes);
    cursor.seek(100);
    CHECK(cursor.previous() == keyframes.stateAt(model, 99));
    cursor.seek(40);
    CHECK(cursor.previous() == keyframes.stateAt(model, 39));
    cursor.toStart();
    CHECK(cursor.previous() == cursor.state());
}
