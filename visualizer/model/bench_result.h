// BenchResult: one benchmark result file (bench/echo-bench --json), read and checked.
//
// The file is one JSON object: {"schema":"reactor-lab-bench","version":1,"machine":{...},
// "results":[{server, connections, active, messages_per_s, p50_us, p99_us, peak_rss_kb,
// idle_rss_kb, threads, cpu_s, status, note}], "wait_cost":[{backend, watched, ns_per_wait}],
// "wait_cost_skipped":[{backend, watched, reason}]} (a point the machine could not measure: select
// past FD_SETSIZE, or more descriptors than the open-file limit allows).
// A row whose status is "skipped" or "failed" keeps its note and is shown as such, never as a
// zero. Every problem names the place ("results[3].p99_us") and the reason; a bad row is skipped
// and the rest kept, a bad file (not JSON, another schema or version) yields no rows.
// Not here: the charts' series (bench_series.h). No ImGui here; tested in
// tests/visualizer/bench_result_test.cpp with the files in tests/visualizer/fixtures/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trace/trace_json.h"

namespace lab::viz {

enum class BenchStatus { ok, skipped, failed };
std::string_view statusName(BenchStatus status);

struct BenchMachine {
    std::int64_t cores = 0;
    bool pinned = false;
    std::string note;
};

// One server at one connection count. A metric is nullopt when the file has null for it.
struct BenchRow {
    std::size_t index = 0;  // position in "results", for messages
    std::string server;
    std::int64_t connections = 0;
    std::int64_t active = 0;  // fewer than connections: the rest are idle
    std::optional<double> messagesPerS, p50Us, p99Us, peakRssKb, idleRssKb, threads, cpuS;
    BenchStatus status = BenchStatus::ok;
    std::string note;
};

// The cost of one wait of a backend watching `watched` idle descriptors.
struct WaitCostPoint {
    std::string backend;
    std::int64_t watched = 0;
    double nsPerWait = 0;
};

// A wait-cost point echo-bench did not measure, and why; the chart shows it as a note.
struct WaitCostSkipped {
    std::string backend;
    std::int64_t watched = 0;
    std::string reason;
};

struct BenchProblem {
    std::string where;   // "results[3].p99_us", "line 4, column 7", or "" for the whole file
    std::string reason;
};

class BenchResult {
public:
    // Reads and checks a file; never throws on bad input: problems() says what was wrong.
    static BenchResult load(const std::string& path);
    // From text already read (tests), named `name` in messages.
    static BenchResult parse(const std::string& text, const std::string& name);
    // True when `path` is a benchmark result rather than a trace: its first line is not a
    // trace header, and it names the "reactor-lab-bench" schema or ends in ".json".
    static bool looksLikeBench(const std::string& path);

    const std::string& path() const { return path_; }
    const BenchMachine& machine() const { return machine_; }
    const std::vector<BenchRow>& rows() const { return rows_; }
    const std::vector<WaitCostPoint>& waitCost() const { return waitCost_; }
    const std::vector<WaitCostSkipped>& waitCostSkipped() const { return waitCostSkipped_; }
    const std::vector<BenchProblem>& problems() const { return problems_; }
    // "file: where: reason", as --check and the problems window print it.
    std::string describe(const BenchProblem& problem) const;

private:
    void readRow(const TraceJson& row, std::size_t index);
    void readWaitCost(const TraceJson& point, std::size_t index);
    void readWaitCostSkipped(const TraceJson& point, std::size_t index);

    std::string path_;
    BenchMachine machine_;
    std::vector<BenchRow> rows_;
    std::vector<WaitCostPoint> waitCost_;
    std::vector<WaitCostSkipped> waitCostSkipped_;
    std::vector<BenchProblem> problems_;
};

}  // namespace lab::viz
