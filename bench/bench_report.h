// The benchmark's results and their two written forms: JSON for the visualizer's charts
// (schema "reactor-lab-bench", version 1) and Markdown tables for lesson 04. Used by echo-bench.
#pragma once

#include <string>
#include <vector>

namespace lab::bench {

struct Machine {
    int cores = 1;
    bool pinned = false;
    std::string note;
};

// One server at one connection count.
struct ResultRow {
    std::string server;  // reactor-select, reactor-poll, reactor-epoll, threaded, twisted
    long connections = 0;
    long active = 0;  // connections that send; the rest are idle
    double messagesPerS = 0, p50Us = 0, p99Us = 0;
    long peakRssKb = 0, idleRssKb = 0, threads = 0;
    double cpuS = 0;
    std::string status = "ok";  // ok, skipped, failed
    std::string note;
};

struct WaitCostRow {
    std::string backend;
    int watched = 0;
    double nsPerWait = 0;
};

// A wait-cost point left out, and why (select past FD_SETSIZE, a point the open-file limit cannot hold).
struct WaitCostSkipped {
    std::string backend;
    int watched = 0;
    std::string reason;
};

struct Report {
    Machine machine;
    std::vector<ResultRow> results;
    std::vector<WaitCostRow> waitCost;
    std::vector<WaitCostSkipped> waitCostSkipped;
};

std::string toJson(const Report& report);
std::string toMarkdown(const Report& report);

}  // namespace lab::bench
