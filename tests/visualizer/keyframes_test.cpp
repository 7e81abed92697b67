// Keyframes: a seek through snapshots gives exactly the state a fresh fold gives.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include "model/keyframes.h"
#include "trace/json_lines_sink.h"
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

TEST_CASE("Keyframes: built as a trace of several blocks indexes, they are the keyframes of the loaded model") {
    std::string path = (std::filesystem::temp_directory_path() / "keyframes_test.jsonl").string();
    {
        JsonLinesSink sink(path);
        recordSyntheticTrace(sink, 150000);  // about 15 MB: two scan blocks of 8 MB
        sink.close();
    }
    LoadProgress progress;
    KeyframedTrace together = loadWithKeyframes(path, &progress, 64);
    TraceModel model = TraceModel::load(path);
    Keyframes after(model, 64);
    REQUIRE(together.model.size() == model.size());
    CHECK(together.keyframes.applied() == model.size());
    CHECK(together.keyframes.count() == after.count());
    CHECK(progress.stage == 2);
    CHECK(progress.fraction == 1.0f);
    std::mt19937 random(7);
    std::uniform_int_distribution<std::size_t> position(0, model.size());
    for (int i = 0; i < 40; ++i) {
        std::size_t at = position(random);
        INFO("position " << at);
        CHECK(together.keyframes.stateAt(together.model, at) == after.stateAt(model, at));
    }
    CHECK(together.keyframes.stateAt(together.model, model.size()) == freshFold(model, model.size()));
    std::filesystem::remove(path);
}

TEST_CASE("Keyframes: built as they index, every lesson trace and fixture, bad lines and all, seeks as a fresh fold") {
    for (const std::string& path : shippedTraces()) {
        INFO(path);
        KeyframedTrace together = loadWithKeyframes(path, nullptr, 16);
        TraceModel model = TraceModel::load(path);
        REQUIRE(together.model.size() == model.size());
        REQUIRE(together.model.problems().size() == model.problems().size());
        REQUIRE(together.keyframes.count() == model.size() / 16 + 1);
        for (std::size_t at = 0; at <= model.size(); at += 7) {
            INFO("position " << at);
            REQUIRE(together.keyframes.stateAt(together.model, at) == freshFold(model, at));
        }
    }
}

TEST_CASE("Keyframes: a trace that cannot be opened loads with its problem and the one empty keyframe") {
    KeyframedTrace together = loadWithKeyframes("/nonexistent/trace.jsonl");
    CHECK(together.model.empty());
    REQUIRE(together.model.problems().size() == 1);
    CHECK(together.model.problems()[0].toString().find("cannot open") != std::string::npos);
    CHECK(together.keyframes.count() == 1);
}

TEST_CASE("Keyframes: past their budget, every other frame goes and the interval doubles; seeks stay exact") {
    TraceModel model = syntheticModel(20000);
    Keyframes unbounded(model, 64);
    std::size_t budget = unbounded.bytes() / 5;  // room for about a fifth of the frames
    Keyframes thinned(model, 64, nullptr, budget);
    CHECK(thinned.bytes() <= budget);
    CHECK(thinned.interval() >= 64 * 4);
    CHECK(thinned.count() == model.size() / thinned.interval() + 1);
    std::mt19937 random(99);
    std::uniform_int_distribution<std::size_t> position(0, model.size());
    for (int i = 0; i < 40; ++i) {
        std::size_t at = position(random);
        INFO("position " << at);
        CHECK(thinned.stateAt(model, at) == freshFold(model, at));
    }
    CHECK(thinned.stateAt(model, model.size()) == freshFold(model, model.size()));
}

TEST_CASE("Keyframes: built as they index, a batch simdjson refuses is read line by line, and seeks as a fresh fold") {
    std::string path = (std::filesystem::temp_directory_path() / "keyframes_bigint_test.jsonl").string();
    {
        std::ofstream out(path);
        out << kHeader << "\n";
        out << R"({"seq":1,"t":0,"iter":0,"kind":"reader_added","fd":4,"handler":"Pipe0"})" << "\n";
        // A number too big for 64 bits: nlohmann reads it as a double, simdjson refuses the line.
        out << R"({"seq":2,"t":0,"iter":0,"kind":"timer_scheduled","timer":1,"delay_ns":5,"note":123456789012345678901234567890})" << "\n";
        out << R"({"seq":3,"t":5,"iter":1,"kind":"timer_fired","timer":1})" << "\n";
    }
    KeyframedTrace together = loadWithKeyframes(path, nullptr, 1);
    TraceModel model = TraceModel::load(path);
    REQUIRE(model.size() == 3);
    REQUIRE(together.model.size() == 3);
    for (std::size_t at = 0; at <= 3; ++at) CHECK(together.keyframes.stateAt(together.model, at) == freshFold(model, at));
    CHECK(together.keyframes.stateAt(together.model, 2).timers.count(1) == 1);
    std::filesystem::remove(path);
}
