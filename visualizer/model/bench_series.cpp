// The charts' series, scales and ticks; see bench_series.h.
#include "model/bench_series.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

namespace lab::viz {

namespace {

// The fixed order of servers (bars, legend) and of wait-cost backends (lines).
constexpr std::array<std::string_view, 5> kServerOrder = {"reactor-select", "reactor-poll", "reactor-epoll", "threaded", "twisted"};
constexpr std::array<std::string_view, 3> kBackendOrder = {"select", "poll", "epoll"};

template <std::size_t N>
std::size_t orderOf(const std::string& name, const std::array<std::string_view, N>& order) {
    auto it = std::find(order.begin(), order.end(), name);
    return it == order.end() ? N : static_cast<std::size_t>(it - order.begin());
}

// Names in the fixed order first, the rest in the order the file has them.
template <std::size_t N>
std::vector<std::string> ordered(std::vector<std::string> names, const std::array<std::string_view, N>& order) {
    std::stable_sort(names.begin(), names.end(),
                     [&](const std::string& a, const std::string& b) { return orderOf(a, order) < orderOf(b, order); });
    return names;
}

std::string withSeparators(std::int64_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

}  // namespace

const MetricInfo& metricInfo(BenchMetric metric) {
    static const MetricInfo kInfo[] = {
        {"Throughput", "messages/s", true},
        {"Median latency (p50)", "us", false},
        {"Tail latency (p99)", "us", false},
        {"Peak memory (RSS)", "MiB", false},
        {"Memory per connection ((peak - idle RSS) / connections)", "KiB", false},
        {"Threads", "threads", false},
        {"CPU time (server)", "s", false},
    };
    return kInfo[static_cast<std::size_t>(metric)];
}

std::optional<double> metricValue(const BenchRow& row, BenchMetric metric) {
    switch (metric) {
        case BenchMetric::messagesPerS: return row.messagesPerS;
        case BenchMetric::p50Us: return row.p50Us;
        case BenchMetric::p99Us: return row.p99Us;
        case BenchMetric::peakRss:
            return row.peakRssKb ? std::optional<double>(*row.peakRssKb / 1024.0) : std::nullopt;
        case BenchMetric::rssPerConnection:
            if (!row.peakRssKb || !row.idleRssKb || row.connections == 0) return std::nullopt;
            return std::max(0.0, *row.peakRssKb - *row.idleRssKb) / static_cast<double>(row.connections);
        case BenchMetric::threads: return row.threads;
        case BenchMetric::cpuS: return row.cpuS;
    }
    return std::nullopt;
}

std::size_t colourIndex(const std::string& name) {
    std::size_t server = orderOf(name, kServerOrder);
    if (server < kServerOrder.size()) return server;
    std::size_t backend = orderOf(name, kBackendOrder);
    if (backend < kBackendOrder.size()) return backend;  // select, poll, epoll: as their reactors
    return kServerOrder.size() + std::hash<std::string>{}(name) % 3;
}

BarChart barChart(const BenchResult& result, BenchMetric metric, bool logY) {
    BarChart chart;
    chart.metric = metric;
    std::vector<std::string> servers;
    for (const BenchRow& row : result.rows()) {
        if (std::find(servers.begin(), servers.end(), row.server) == servers.end()) servers.push_back(row.server);
        bool known = std::any_of(chart.groups.begin(), chart.groups.end(), [&](const BarGroup& g) {
            return g.connections == row.connections && g.active == row.active;
        });
        if (!known) chart.groups.push_back(BarGroup{row.connections, row.active, ""});
    }
    chart.servers = ordered(servers, kServerOrder);
    // All-active counts ascending, then the idle-heavy rows (they answer a different question).
    std::sort(chart.groups.begin(), chart.groups.end(), [](const BarGroup& a, const BarGroup& b) {
        bool aIdle = a.active < a.connections, bIdle = b.active < b.connections;
        if (aIdle != bIdle) return !aIdle;
        return a.connections != b.connections ? a.connections < b.connections : a.active < b.active;
    });
    for (BarGroup& group : chart.groups) {
        group.label = withSeparators(group.connections);
        if (group.active < group.connections) group.label += " idle\n" + withSeparators(group.active) + " active";
    }
    chart.bars.resize(chart.groups.size() * chart.servers.size());
    double high = 0, lowPositive = 0;
    for (const BenchRow& row : result.rows()) {
        auto g = std::find_if(chart.groups.begin(), chart.groups.end(),
                              [&](const BarGroup& b) { return b.connections == row.connections && b.active == row.active; });
        auto s = std::find(chart.servers.begin(), chart.servers.end(), row.server);
        Bar& bar = chart.bars[static_cast<std::size_t>(g - chart.groups.begin()) * chart.servers.size() +
                              static_cast<std::size_t>(s - chart.servers.begin())];
        bar.present = true;
        bar.status = row.status;
        bar.note = row.note;
        // Only a measured row has a value: a skipped or failed one is not a zero.
        if (row.status == BenchStatus::ok) bar.value = metricValue(row, metric);
        if (bar.value) {
            high = std::max(high, *bar.value);
            if (*bar.value > 0 && (lowPositive == 0 || *bar.value < lowPositive)) lowPositive = *bar.value;
        }
    }
    if (logY && lowPositive > 0) {
        chart.ticks = logTicks(lowPositive, high);
        chart.y = Scale::log10(chart.ticks.front().value, chart.ticks.back().value);
    } else {
        chart.ticks = niceTicks(0, high > 0 ? high : 1);
        chart.y = Scale::linear(0, chart.ticks.back().value);
    }
    return chart;
}

LineChart waitCostChart(const BenchResult& result) {
    LineChart chart;
    std::vector<std::string> backends;
    for (const WaitCostPoint& point : result.waitCost()) {
        if (std::find(backends.begin(), backends.end(), point.backend) == backends.end()) backends.push_back(point.backend);
    }
    double xLow = 0, xHigh = 0, yHigh = 0;
    for (const WaitCostSkipped& skip : result.waitCostSkipped()) {
        if (std::find(backends.begin(), backends.end(), skip.backend) == backends.end()) backends.push_back(skip.backend);
        double x = static_cast<double>(skip.watched);
        xLow = xLow == 0 ? x : std::min(xLow, x);
        xHigh = std::max(xHigh, x);
        chart.skipped.push_back(skip);
    }
    for (const std::string& backend : ordered(backends, kBackendOrder)) {
        LineSeries series{backend, {}};
        for (const WaitCostPoint& point : result.waitCost()) {
            if (point.backend != backend) continue;
            series.points.push_back(point);
            double x = static_cast<double>(point.watched);
            xLow = xLow == 0 ? x : std::min(xLow, x);
            xHigh = std::max(xHigh, x);
            yHigh = std::max(yHigh, point.nsPerWait);
        }
        std::stable_sort(series.points.begin(), series.points.end(),
                         [](const WaitCostPoint& a, const WaitCostPoint& b) { return a.watched < b.watched; });
        chart.series.push_back(std::move(series));
    }
    if (xLow > 0) {
        chart.xTicks = logTicks(xLow, xHigh);
        chart.x = Scale::log10(chart.xTicks.front().value, chart.xTicks.back().value);
    } else {
        chart.xTicks = logTicks(1, 10);
    }
    chart.yTicks = niceTicks(0, yHigh > 0 ? yHigh : 1);
    chart.y = Scale::linear(0, chart.yTicks.back().value);
    return chart;
}

}  // namespace lab::viz
