// ThreadLanes and LoopState's threads: a thread-per-connection trace becomes one lane per thread
// of running and blocked spans, and the state at any event says what each thread is blocked in.
#include <catch2/catch.hpp>

#include "model/loop_state.h"
#include "model/thread_lanes.h"
#include "trace_fixtures.h"

using namespace lab;
using namespace lab::viz;
using namespace lab::viz::test;

namespace {

std::string fixture(const std::string& name) { return std::string(REACTOR_LAB_SOURCE_DIR) + "/tests/visualizer/fixtures/" + name; }

LoopState stateAfter(const TraceModel& model, std::size_t count) {
    LoopState state;
    for (std::size_t i = 0; i < count; ++i) state.apply(model.json(i), i);
    return state;
}

}  // namespace

TEST_CASE("ThreadLanes: the threaded fixture has a lane per thread, mostly blocked") {
    TraceModel model = TraceModel::load(fixture("threaded-echo.jsonl"));
    REQUIRE(model.problems().empty());
    CHECK(hasThreadLanes(model));
    CHECK_FALSE(hasEventLoop(model));
    ThreadLanes lanes = ThreadLanes::build(model);
    REQUIRE(lanes.lanes().size() == 4);
    const ThreadLane& main = lanes.lanes()[0];
    CHECK(main.name == "main");
    CHECK(main.exited);
    const ThreadLane& connection = lanes.lanes()[1];
    CHECK(connection.thread == 2);
    CHECK(connection.name == "connection 1");
    CHECK(connection.exitReason == "end of file: the client closed");
    CHECK(connection.bytes == 6 + 6 + 8 + 8);
    CHECK(connection.blockedNs + connection.runningNs == connection.ended - connection.started);
    CHECK(lanes.blockedShare() > 0.9);
}

TEST_CASE("ThreadLanes: spans run back to back, alternating running and blocked in the call the trace names") {
    TraceModel model = modelFromText(
        R"({"seq":1,"t":0,"iter":0,"kind":"thread_started","thread":1,"name":"main"})"
        "\n"
        R"({"seq":2,"t":10,"iter":0,"kind":"thread_blocked","thread":1,"call":"accept","fd":3})"
        "\n"
        R"({"seq":3,"t":50,"iter":0,"kind":"thread_woke","thread":1,"call":"accept","fd":3,"bytes":0})"
        "\n"
        R"({"seq":4,"t":55,"iter":0,"kind":"thread_blocked","thread":1,"call":"accept","fd":3})"
        "\n"
        R"({"seq":5,"t":100,"iter":0,"kind":"iteration_begin"})"
        "\n");
    ThreadLanes lanes = ThreadLanes::build(model);
    REQUIRE(lanes.lanes().size() == 1);
    const ThreadLane& lane = lanes.lanes()[0];
    REQUIRE(lane.spans.size() == 4);
    CHECK_FALSE(lane.spans[0].blocked);
    CHECK(lane.spans[1].blocked);
    CHECK(lane.spans[1].call == "accept");
    CHECK(lane.spans[1].fd == 3);
    CHECK(lane.spans[1].begin == 10);
    CHECK(lane.spans[1].end == 50);
    CHECK(lane.spans[1].event == 1);
    // Still blocked when the trace ends: the span closes at the last event's time.
    CHECK(lane.spans[3].end == 100);
    CHECK_FALSE(lane.exited);
    CHECK(lane.blockedNs == 40 + 45);
    CHECK(lane.runningNs == 10 + 5);
    CHECK(hasEventLoop(model));
}

TEST_CASE("ThreadLanes: a reactor trace has none") {
    TraceModel model = TraceModel::load(std::string(REACTOR_LAB_SOURCE_DIR) + "/traces/samples/03-echo-server.jsonl");
    CHECK_FALSE(hasThreadLanes(model));
    CHECK(hasEventLoop(model));
    CHECK(ThreadLanes::build(model).empty());
    CHECK(ThreadLanes::build(model).blockedShare() == 0.0);
}

TEST_CASE("LoopState: a thread is blocked in its call until it wakes, counts its bytes, and is gone after it exits") {
    TraceModel model = TraceModel::load(fixture("threaded-echo.jsonl"));
    std::size_t firstRead = SIZE_MAX, firstWoke = SIZE_MAX, exited = SIZE_MAX;
    for (std::size_t i = 0; i < model.size(); ++i) {
        const TraceJson& event = model.json(i);
        if (event.value("thread", 0) != 2) continue;
        if (firstRead == SIZE_MAX && event["kind"] == "thread_blocked") firstRead = i;
        if (firstWoke == SIZE_MAX && event["kind"] == "thread_woke") firstWoke = i;
        if (event["kind"] == "thread_exited") exited = i;
    }
    REQUIRE(exited != SIZE_MAX);
    LoopState blocked = stateAfter(model, firstRead + 1);
    REQUIRE(blocked.threads.count(2) == 1);
    CHECK(blocked.threads.at(2).blockedIn == "read");
    CHECK(blocked.threads.at(2).fd == 4);
    CHECK(blocked.threads.at(2).alive);
    CHECK(blocked.threads.at(1).blockedIn == "accept");
    LoopState woke = stateAfter(model, firstWoke + 1);
    CHECK(woke.threads.at(2).blockedIn.empty());
    CHECK(woke.threads.at(2).bytes == 6);
    LoopState gone = stateAfter(model, exited + 1);
    CHECK_FALSE(gone.threads.at(2).alive);
    CHECK(gone.threads.at(2).exitReason == "end of file: the client closed");
    CHECK(gone.threads.at(2).bytes == 28);
    CHECK(gone.phase == Phase::setup);  // no loop events: the loop never "runs"
}
