// TraceModel: loading through the library's reader, what it skips and says, and its indexes.
#include <catch2/catch.hpp>

#include "model/trace_model.h"
#include "trace_fixtures.h"

using namespace lab;
using namespace lab::viz;
using namespace lab::viz::test;

namespace {
const std::string kSmall =
    R"({"seq":1,"t":0,"iter":0,"kind":"timer_scheduled","timer":1,"delay_ns":1000,"due_ns":1000,"at":"p.cpp:1"}
{"seq":2,"t":0,"iter":0,"kind":"reader_added","fd":3,"handler":"R"}
{"seq":3,"t":0,"iter":1,"kind":"iteration_begin"}
{"seq":4,"t":0,"iter":1,"kind":"timers_run","due":0}
{"seq":5,"t":0,"iter":1,"kind":"iteration_end"}
{"seq":6,"t":1000,"iter":2,"kind":"iteration_begin"}
{"seq":7,"t":1000,"iter":2,"kind":"timers_run","due":1}
{"seq":8,"t":1000,"iter":2,"kind":"timer_fired","timer":1}
{"seq":9,"t":1000,"iter":2,"kind":"timer_scheduled","timer":2,"delay_ns":5,"due_ns":1005,"at":"p.cpp:2"}
{"seq":10,"t":1000,"iter":2,"kind":"timeout_computed","timeout_ns":5,"reason":"next timer"}
{"seq":11,"t":1000,"iter":2,"kind":"iteration_end"}
)";
}  // namespace

TEST_CASE("TraceModel: a valid file loads with its header and every event") {
    TraceModel model = TraceModel::load(edgeTrace("valid.jsonl"));
    CHECK(model.problems().empty());
    CHECK(model.hasHeader());
    CHECK(model.program() == "edge");
    CHECK(model.clock() == "manual");
    REQUIRE(model.size() == 3);
    CHECK(model.kindOf(2) == "iteration_end");
    CHECK(model.fileLine(0) == 2);
}

TEST_CASE("TraceModel: a trace of real Twisted names its source from the header; ours has none") {
    TraceModel ours = TraceModel::load(edgeTrace("valid.jsonl"));
    CHECK(ours.source().empty());
    TraceModel twisted = TraceModel::load(std::string(REACTOR_LAB_SOURCE_DIR) + "/lessons/03-echo-server/twisted.jsonl");
    CHECK(twisted.problems().empty());
    CHECK(twisted.program() == "lessons/03-echo-server/program.py");
    CHECK(twisted.source() == "Twisted 22.4.0, twisted.internet.selectreactor.SelectReactor");
}

TEST_CASE("TraceModel: malformed lines are reported with file and line, and the good ones kept") {
    TraceModel model = TraceModel::load(edgeTrace("not_json.jsonl"));
    REQUIRE(model.problems().size() == 1);
    CHECK(model.problems()[0].line == 3);
    CHECK(model.problems()[0].toString().find("not_json.jsonl:3: not valid JSON") != std::string::npos);
    CHECK(model.size() == 2);

    TraceModel truncated = TraceModel::load(edgeTrace("truncated.jsonl"));
    REQUIRE(truncated.problems().size() == 1);
    CHECK(truncated.problems()[0].reason.find("truncated") != std::string::npos);
    CHECK(truncated.size() == 2);
}

TEST_CASE("TraceModel: every edge fixture opens without throwing") {
    for (const char* name : {"blank_line.jsonl", "empty.jsonl", "future_version.jsonl", "missing_kind.jsonl",
                             "no_header.jsonl", "seq_backwards.jsonl", "time_backwards.jsonl", "wrong_types.jsonl"}) {
        INFO(name);
        TraceModel model = TraceModel::load(edgeTrace(name));
        CHECK_FALSE(model.problems().empty());
    }
    TraceModel noHeader = TraceModel::load(edgeTrace("no_header.jsonl"));
    CHECK_FALSE(noHeader.hasHeader());
    CHECK(noHeader.program() == "?");
}

TEST_CASE("TraceModel: a file that cannot be opened is a problem, not a crash") {
    TraceModel model = TraceModel::load("/nonexistent/trace.jsonl");
    REQUIRE(model.problems().size() == 1);
    CHECK(model.problems()[0].reason.find("cannot open") != std::string::npos);
    CHECK(model.empty());
}

TEST_CASE("TraceModel: loading reports progress up to done") {
    LoadProgress progress;
    TraceModel model = TraceModel::load(edgeTrace("valid.jsonl"), &progress);
    CHECK(progress.fraction == 1.0f);
    CHECK(progress.stage == 1);
}

TEST_CASE("TraceModel: events are indexed by iteration") {
    TraceModel model = modelFromText(kSmall);
    REQUIRE(model.iterations().size() == 3);
    CHECK(model.iterations()[0].iter == 0);
    CHECK(model.iterations()[1].first == 2);
    CHECK(model.iterations()[1].last == 4);
    CHECK(model.iterations()[2].tBegin == 1000);
    CHECK(model.iterationIndexOf(0) == 0);
    CHECK(model.iterationIndexOf(3) == 1);
    CHECK(model.iterationIndexOf(10) == 2);
}

TEST_CASE("TraceModel: events are indexed by kind and by the ids they name") {
    TraceModel model = modelFromText(kSmall);
    int begin = model.kindId("iteration_begin");
    REQUIRE(begin >= 0);
    CHECK(model.eventsOfKind(static_cast<KindId>(begin)) == std::vector<std::size_t>{2, 5});
    CHECK(model.kindId("no_such_kind") == -1);
    CHECK(model.eventsFor("timer", 1) == std::vector<std::size_t>{0, 7});
    CHECK(model.eventsFor("fd", 3) == std::vector<std::size_t>{1});
    CHECK(model.eventsFor("deferred", 1).empty());
    CHECK(model.idsOf("timer") == std::vector<std::int64_t>{1, 2});
}

TEST_CASE("TraceModel: a timer scheduled inside another timer's call is caused by it") {
    TraceModel model = modelFromText(kSmall);
    const TimerHistory& first = model.timers().at(1);
    CHECK(first.scheduled == 0);
    CHECK(first.cause == SIZE_MAX);  // set up before the loop ran
    CHECK(first.fired == 7);
    const TimerHistory& second = model.timers().at(2);
    CHECK(second.cause == 7);  // timer 1's call scheduled it
    CHECK(second.fired == SIZE_MAX);
}

TEST_CASE("TraceModel: unknown kinds are kept and indexed like any other") {
    TraceModel model = modelFromText(R"({"seq":1,"t":0,"iter":0,"kind":"from_the_future","widget":3}
{"seq":2,"t":5,"iter":1,"kind":"iteration_begin"}
)");
    REQUIRE(model.size() == 2);
    CHECK(model.kindOf(0) == "from_the_future");
    CHECK(model.json(0)["widget"] == 3);
}

TEST_CASE("TraceModel: firstAtOrAfter finds an event by time") {
    TraceModel model = modelFromText(kSmall);
    CHECK(model.firstAtOrAfter(0) == 0);
    CHECK(model.firstAtOrAfter(1) == 5);
    CHECK(model.firstAtOrAfter(5000) == model.size());
}
