// Benchmark: a benchmark result (bench/echo-bench --json) as charts. Grouped bars per server per
// connection count for a chosen metric (or all of them at once), skipped and failed rows marked
// as such rather than drawn as zero; ns per wait against descriptors watched, one line per
// backend on a log axis; the rows as a table. Hover a bar or a point for its exact values.
// Drawn with ImDrawList; the series, scales and ticks come from model/bench_series.h.
#pragma once

#include "model/bench_result.h"

namespace lab::viz {

struct BenchViewState {
    int metric = 0;           // index into kBenchMetrics
    bool logY = false;        // the bar chart's y axis in decades
    bool allMetrics = false;  // small multiples of every metric instead of one
};

void drawBenchPanel(const BenchResult& result, BenchViewState& view);

}  // namespace lab::viz
