// BenchResult: a benchmark result file read and checked; each problem names its place and
// reason, bad rows are skipped and the rest kept, skipped and failed rows keep their notes.
#include <catch2/catch.hpp>

#include <algorithm>

#include "model/bench_result.h"

using namespace lab::viz;

namespace {

std::string fixture(const std::string& name) { return std::string(REACTOR_LAB_SOURCE_DIR) + "/tests/visualizer/fixtures/" + name; }

bool hasProblem(const BenchResult& result, const std::string& where, const std::string& words) {
    return std::any_of(result.problems().begin(), result.problems().end(), [&](const BenchProblem& problem) {
        return problem.where == where && problem.reason.find(words) != std::string::npos;
    });
}

}  // namespace

TEST_CASE("BenchResult: the sample file loads every row, wait-cost point and the machine") {
    BenchResult result = BenchResult::load(fixture("bench-sample.json"));
    CHECK(result.problems().empty());
    CHECK(result.rows().size() == 30);
    CHECK(result.waitCost().size() == 13);
    REQUIRE(result.waitCostSkipped().size() == 1);
    CHECK(result.waitCostSkipped()[0].backend == "select");
    CHECK(result.waitCostSkipped()[0].watched == 10000);
    CHECK(result.machine().cores == 2);
    CHECK(result.machine().pinned);
    const BenchRow& first = result.rows().front();
    CHECK(first.server == "reactor-select");
    CHECK(first.connections == 1);
    CHECK(first.status == BenchStatus::ok);
    REQUIRE(first.messagesPerS);
    CHECK(*first.messagesPerS == Approx(51995.3));
    auto twisted = std::count_if(result.rows().begin(), result.rows().end(), [](const BenchRow& row) {
        return row.server == "twisted" && row.status == BenchStatus::skipped && row.note == "python3-twisted is not installed";
    });
    CHECK(twisted == 6);
}

TEST_CASE("BenchResult: a file that is not JSON says where it stops making sense, and has no rows") {
    BenchResult result = BenchResult::load(fixture("bench-not-json.json"));
    REQUIRE(result.problems().size() == 1);
    CHECK(result.problems()[0].where.rfind("line ", 0) == 0);
    CHECK(result.problems()[0].reason.rfind("not valid JSON: the file ends", 0) == 0);
    CHECK(BenchResult::parse("{\"schema\": x}", "x.json").problems()[0].reason == "not valid JSON");
    CHECK(result.rows().empty());
    CHECK(result.describe(result.problems()[0]).find("bench-not-json.json: line") != std::string::npos);
}

TEST_CASE("BenchResult: another schema or version is refused by name") {
    BenchResult schema = BenchResult::load(fixture("bench-wrong-schema.json"));
    CHECK(hasProblem(schema, "schema", "expected \"reactor-lab-bench\""));
    BenchResult version = BenchResult::load(fixture("bench-future-version.json"));
    CHECK(hasProblem(version, "version", "2 is not supported"));
    CHECK(BenchResult::parse("[1, 2]", "list.json").problems()[0].reason.find("this is a list") != std::string::npos);
    CHECK(BenchResult::parse("  \n", "blank.json").problems()[0].reason == "the file is empty");
    CHECK(BenchResult::load(fixture("no-such-file.json")).problems()[0].reason == "cannot open the file");
}

TEST_CASE("BenchResult: bad rows and points are skipped with their place named, the good ones kept") {
    BenchResult result = BenchResult::load(fixture("bench-bad-rows.json"));
    CHECK(result.rows().size() == 1);
    CHECK(result.rows()[0].server == "reactor-poll");
    CHECK(hasProblem(result, "results[1].p99_us", "\"fast\""));
    CHECK(hasProblem(result, "results[2].status", "\"maybe\" is not one of ok, skipped, failed"));
    CHECK(hasProblem(result, "wait_cost[0].watched", ">= 1"));
    CHECK(hasProblem(result, "wait_cost_skipped[0].reason", "missing or not a sentence (note skipped)"));
    CHECK(result.problems().size() == 4);
    CHECK(result.waitCost().size() == 1);
    REQUIRE(result.waitCostSkipped().size() == 1);
    CHECK(result.waitCostSkipped()[0].backend == "poll");
    CHECK(result.waitCostSkipped()[0].reason.find("the limit here is 4096") != std::string::npos);
    CHECK(result.machine().cores == 1);
}

TEST_CASE("BenchResult: null metrics are 'not measured', a repeated row is a problem") {
    BenchResult result = BenchResult::parse(R"({"schema":"reactor-lab-bench","version":1,"results":[
        {"server":"threaded","connections":5000,"active":5000,"messages_per_s":null,"status":"failed","note":"out of threads"},
        {"server":"threaded","connections":5000,"active":5000,"messages_per_s":1.0,"status":"ok","note":""}]})",
                                            "repeat.json");
    REQUIRE(result.rows().size() == 1);
    CHECK_FALSE(result.rows()[0].messagesPerS);
    CHECK(result.rows()[0].status == BenchStatus::failed);
    CHECK(result.rows()[0].note == "out of threads");
    CHECK(hasProblem(result, "results[1]", "repeats results[0]"));
}

TEST_CASE("BenchResult: a benchmark file is told from a trace by its content") {
    CHECK(BenchResult::looksLikeBench(fixture("bench-sample.json")));
    CHECK(BenchResult::looksLikeBench(fixture("bench-not-json.json")));
    CHECK_FALSE(BenchResult::looksLikeBench(fixture("threaded-echo.jsonl")));
    CHECK_FALSE(BenchResult::looksLikeBench(std::string(REACTOR_LAB_SOURCE_DIR) + "/traces/samples/03-echo-server.jsonl"));
    CHECK_FALSE(BenchResult::looksLikeBench(std::string(REACTOR_LAB_SOURCE_DIR) + "/traces/edge/garbage.jsonl"));
}
