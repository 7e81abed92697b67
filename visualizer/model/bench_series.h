// BenchSeries: what the Benchmark view's charts show, computed from a BenchResult.
//
// barChart(): one group of bars per connection count (the "10,000 idle" row, fewer active than
// connected, comes last), one bar per server in a fixed order (reactor-select, -poll, -epoll,
// threaded, twisted, then any other), for one metric, with its y scale and ticks. A skipped or
// failed row is a bar with that status and no value: the panel draws it as a marked gap, never
// a zero bar. A server with no row at a count has no bar there at all.
// waitCostChart(): one line per backend of ns per wait against descriptors watched, log x; the
// points echo-bench skipped stay on the x axis, as notes.
// Not here: drawing (panels/bench_panel.cpp). No ImGui here; tested in
// tests/visualizer/bench_series_test.cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/bench_result.h"
#include "model/chart_scale.h"

namespace lab::viz {

enum class BenchMetric { messagesPerS, p50Us, p99Us, peakRss, rssPerConnection, threads, cpuS };
inline constexpr BenchMetric kBenchMetrics[] = {BenchMetric::messagesPerS, BenchMetric::p50Us, BenchMetric::p99Us,
                                                BenchMetric::peakRss, BenchMetric::rssPerConnection,
                                                BenchMetric::threads, BenchMetric::cpuS};

struct MetricInfo {
    const char* title;  // "Throughput"
    const char* unit;   // "messages/s": the y axis title and the tooltip's unit
    bool higherIsBetter;
};
const MetricInfo& metricInfo(BenchMetric metric);
// The row's value for a metric in the metric's unit (RSS in MiB; "RSS per connection" is
// (peak - idle) / connections in KiB); nullopt when not measured.
std::optional<double> metricValue(const BenchRow& row, BenchMetric metric);

struct BarGroup {
    std::int64_t connections = 0;
    std::int64_t active = 0;
    std::string label;  // "1,000" or "10,000 idle\n100 active"
};

struct Bar {
    bool present = false;  // the file has a row for this server at this count
    BenchStatus status = BenchStatus::ok;
    std::optional<double> value;
    std::string note;
};

struct BarChart {
    BenchMetric metric = BenchMetric::messagesPerS;
    std::vector<std::string> servers;  // bar order within a group, and legend order
    std::vector<BarGroup> groups;
    std::vector<Bar> bars;             // groups.size() * servers.size(), group-major
    Scale y = Scale::linear(0, 1);
    std::vector<Tick> ticks;
    const Bar& bar(std::size_t group, std::size_t server) const { return bars[group * servers.size() + server]; }
};
// `logY`: a log10 y axis (latencies that span decades), from the smallest positive value's decade.
BarChart barChart(const BenchResult& result, BenchMetric metric, bool logY = false);

struct LineSeries {
    std::string backend;
    std::vector<WaitCostPoint> points;  // ascending watched
};

struct LineChart {
    std::vector<LineSeries> series;  // select, poll, epoll, then any other backend
    std::vector<WaitCostSkipped> skipped;  // points not measured: a note at their x, not a zero
    Scale x = Scale::log10(1, 10);
    Scale y = Scale::linear(0, 1);
    std::vector<Tick> xTicks, yTicks;
};
LineChart waitCostChart(const BenchResult& result);

// A stable index for a server or backend name (its place in the fixed order, or later), so a
// server keeps its colour whatever the file holds.
std::size_t colourIndex(const std::string& name);

}  // namespace lab::viz
