// BenchSeries: the bars (per connection count, per server, one metric) and the wait-cost lines
// the Benchmark view draws; skipped and failed rows never become zero bars.
#include <catch2/catch.hpp>

#include <algorithm>

#include "model/bench_series.h"

using namespace lab::viz;

namespace {

std::string fixture(const std::string& name) { return std::string(REACTOR_LAB_SOURCE_DIR) + "/tests/visualizer/fixtures/" + name; }

std::size_t indexOf(const std::vector<std::string>& names, const std::string& name) {
    return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

}  // namespace

TEST_CASE("BenchSeries: bars are grouped by connection count, the idle row last, servers in a fixed order") {
    BarChart chart = barChart(BenchResult::load(fixture("bench-sample.json")), BenchMetric::messagesPerS);
    CHECK(chart.servers == std::vector<std::string>{"reactor-select", "reactor-poll", "reactor-epoll", "threaded", "twisted"});
    std::vector<std::string> labels;
    for (const BarGroup& group : chart.groups) labels.push_back(group.label);
    CHECK(labels == std::vector<std::string>{"1", "10", "100", "1,000", "5,000", "10,000 idle\n100 active"});
    CHECK(chart.bars.size() == 30);
}

TEST_CASE("BenchSeries: a skipped or failed row is a bar with its status and no value") {
    BenchResult result = BenchResult::load(fixture("bench-sample.json"));
    BarChart chart = barChart(result, BenchMetric::p99Us);
    const Bar& select5000 = chart.bar(4, indexOf(chart.servers, "reactor-select"));
    CHECK(select5000.present);
    CHECK(select5000.status == BenchStatus::skipped);
    CHECK_FALSE(select5000.value);
    CHECK(select5000.note.find("FD_SETSIZE") != std::string::npos);
    const Bar& threadedIdle = chart.bar(5, indexOf(chart.servers, "threaded"));
    CHECK(threadedIdle.status == BenchStatus::failed);
    CHECK_FALSE(threadedIdle.value);
    const Bar& epoll1000 = chart.bar(3, indexOf(chart.servers, "reactor-epoll"));
    REQUIRE(epoll1000.value);
    for (const BenchRow& row : result.rows()) {
        if (row.server == "reactor-epoll" && row.connections == 1000) CHECK(*epoll1000.value == *row.p99Us);
    }
}

TEST_CASE("BenchSeries: a server without a row at a count has no bar there, and the axis covers the tallest bar") {
    BenchResult result = BenchResult::parse(R"({"schema":"reactor-lab-bench","version":1,"results":[
        {"server":"threaded","connections":1,"active":1,"messages_per_s":900,"status":"ok","note":""},
        {"server":"threaded","connections":10,"active":10,"messages_per_s":7300,"status":"ok","note":""},
        {"server":"reactor-poll","connections":10,"active":10,"messages_per_s":8100,"status":"ok","note":""}]})",
                                            "partial.json");
    BarChart chart = barChart(result, BenchMetric::messagesPerS);
    REQUIRE(chart.servers == std::vector<std::string>{"reactor-poll", "threaded"});
    CHECK_FALSE(chart.bar(0, 0).present);
    CHECK(chart.bar(1, 0).present);
    CHECK(chart.ticks.front().value == 0);
    CHECK(chart.ticks.back().value >= 8100);
    CHECK(chart.y.hi() == chart.ticks.back().value);
    CHECK(chart.y.fraction(8100) <= 1.0);
}

TEST_CASE("BenchSeries: metric values are converted to the axis's unit") {
    BenchRow row;
    row.connections = 1000;
    row.peakRssKb = 12288;
    row.idleRssKb = 2048;
    CHECK(*metricValue(row, BenchMetric::peakRss) == Approx(12.0));
    CHECK(*metricValue(row, BenchMetric::rssPerConnection) == Approx(10.24));
    CHECK_FALSE(metricValue(row, BenchMetric::cpuS));
    row.idleRssKb.reset();
    CHECK_FALSE(metricValue(row, BenchMetric::rssPerConnection));
}

TEST_CASE("BenchSeries: a log y axis spans the decades of the values") {
    BarChart chart = barChart(BenchResult::load(fixture("bench-sample.json")), BenchMetric::p99Us, true);
    CHECK(chart.y.isLog());
    for (const Bar& bar : chart.bars) {
        if (!bar.value) continue;
        CHECK(chart.y.fraction(*bar.value) >= 0.0);
        CHECK(chart.y.fraction(*bar.value) <= 1.0);
    }
}

TEST_CASE("BenchSeries: wait cost is one line per backend, points by descriptors watched, on a log x axis") {
    BenchResult result = BenchResult::parse(R"({"schema":"reactor-lab-bench","version":1,"results":[],"wait_cost":[
        {"backend":"epoll","watched":10000,"ns_per_wait":260},{"backend":"poll","watched":10000,"ns_per_wait":24000},
        {"backend":"epoll","watched":100,"ns_per_wait":250},{"backend":"poll","watched":100,"ns_per_wait":400}]})",
                                            "cost.json");
    LineChart chart = waitCostChart(result);
    REQUIRE(chart.series.size() == 2);
    CHECK(chart.series[0].backend == "poll");
    CHECK(chart.series[1].backend == "epoll");
    REQUIRE(chart.series[1].points.size() == 2);
    CHECK(chart.series[1].points[0].watched == 100);
    CHECK(chart.series[1].points[1].watched == 10000);
    CHECK(chart.x.isLog());
    CHECK(chart.x.fraction(100) == Approx(0.0));
    CHECK(chart.x.fraction(10000) == Approx(1.0));
    CHECK(chart.yTicks.front().value == 0);
    CHECK(chart.yTicks.back().value >= 24000);
}

TEST_CASE("BenchSeries: a wait-cost point echo-bench skipped is kept on the chart as a note, and widens the x axis") {
    BenchResult result = BenchResult::parse(R"({"schema":"reactor-lab-bench","version":1,"results":[],"wait_cost":[
        {"backend":"select","watched":100,"ns_per_wait":500},{"backend":"select","watched":1000,"ns_per_wait":4000}],
        "wait_cost_skipped":[{"backend":"select","watched":10000,"reason":"past FD_SETSIZE"},
                             {"backend":"epoll","watched":10000,"reason":"open-file limit"}]})",
                                            "skipped.json");
    LineChart chart = waitCostChart(result);
    REQUIRE(chart.series.size() == 2);  // epoll has only a skipped point, and still its legend entry
    CHECK(chart.series[0].backend == "select");
    CHECK(chart.series[1].backend == "epoll");
    CHECK(chart.series[1].points.empty());
    REQUIRE(chart.skipped.size() == 2);
    CHECK(chart.skipped[0].reason == "past FD_SETSIZE");
    CHECK(chart.x.fraction(10000) == Approx(1.0));
    CHECK(chart.yTicks.back().value >= 4000);
}

TEST_CASE("BenchSeries: a server keeps its colour index whatever else the file holds") {
    CHECK(colourIndex("reactor-epoll") == 2);
    CHECK(colourIndex("threaded") == 3);
    CHECK(colourIndex("epoll") == colourIndex("reactor-epoll"));
    CHECK(colourIndex("something-new") >= 5);
}
