// Keyframes: a seek through snapshots gives exactly the state a fresh fold gives.
#include <catch2/catch.hpp>

#include <random>

#include "model/keyframes.h"
#include "trace_fixtures.h"

using namespace lab;
using namespace lab::viz;
using namespace lab::viz::test;

namespace {
LoopState freshFold(const TraceModel& model, std::size_t applied) {
    LoopState state;
    for (std::size_t i = 0; i < applied; ++i) state.apply(model.json(i), i);
    return state;
}
}  // namespace

TEST_CASE("Keyframes: a seek anywhere equals a fresh fold to the same position") {
    TraceModel model = syntheticModel(4000);
    REQUIRE(model.size() >= 4000);
    Keyframes keyframes(model, 64);
    CHECK(keyframes.count() == model.size() / 64 + 1);
    std::mt19937 random(12345);
    std::uniform_int_distribution<std::size_t> position(0, model.size());
    for (int i = 0; i < 60; ++i) {
        std::size_t at = position(random);
        INFO("position " << at);
        CHECK(keyframes.stateAt(model, at) == freshFold(model, at));
    }
    for (std::size_t at : {std::size_t{0}, std::size_t{63}, std::size_t{64}, std::size_t{65}, model.size()}) {
        INFO("position " << at);
        CHECK(keyframes.stateAt(model, at) == freshFold(model, at));
    }
}

TEST_CASE("Keyframes: an empty trace has one keyframe, the empty state") {
    TraceModel model = modelFromText("");
    Keyframes keyframes(model);
    CHECK(keyframes.count() == 1);
    CHECK(keyframes.stateAt(model, 0) == LoopState{});
}

TEST_CASE("Keyframes: seeking past the end is an error") {
    TraceModel model = modelFromText("");
    Keyframes keyframes(model);
    CHECK_THROWS_AS(keyframes.stateAt(model, 1), std::out_of_range);
}
