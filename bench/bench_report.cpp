// toJson, toMarkdown; see bench_report.h.
#include "bench_report.h"

#include <cstdio>

#include <nlohmann/json.hpp>

namespace lab::bench {

std::string toJson(const Report& report) {
    nlohmann::ordered_json out;
    out["schema"] = "reactor-lab-bench";
    out["version"] = 1;
    out["machine"] = {{"cores", report.machine.cores}, {"pinned", report.machine.pinned}, {"note", report.machine.note}};
    out["results"] = nlohmann::ordered_json::array();
    for (const auto& r : report.results) {
        out["results"].push_back({{"server", r.server},
                                  {"connections", r.connections},
                                  {"active", r.active},
                                  {"messages_per_s", r.messagesPerS},
                                  {"p50_us", r.p50Us},
                                  {"p99_us", r.p99Us},
                                  {"peak_rss_kb", r.peakRssKb},
                                  {"idle_rss_kb", r.idleRssKb},
                                  {"threads", r.threads},
                                  {"cpu_s", r.cpuS},
                                  {"status", r.status},
                                  {"note", r.note}});
    }
    out["wait_cost"] = nlohmann::ordered_json::array();
    for (const auto& w : report.waitCost) {
        out["wait_cost"].push_back({{"backend", w.backend}, {"watched", w.watched}, {"ns_per_wait", w.nsPerWait}});
    }
    out["wait_cost_skipped"] = nlohmann::ordered_json::array();
    for (const auto& s : report.waitCostSkipped) {
        out["wait_cost_skipped"].push_back({{"backend", s.backend}, {"watched", s.watched}, {"reason", s.reason}});
    }
    return out.dump(2) + "\n";
}

namespace {

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

}  // namespace

std::string toMarkdown(const Report& report) {
    std::string md = "# echo-bench\n\n";
    md += "Machine: " + std::to_string(report.machine.cores) + " core(s), " +
          (report.machine.pinned ? "server and load generator pinned to different cores" : "not pinned") + ". " +
          report.machine.note + "\n\n";
    md += "## Echo throughput, latency and memory\n\n";
    md += "Closed loop: each active connection sends a 64-byte message and waits for its echo before the next.\n";
    md += "Memory is the server's: idle RSS after it starts listening, peak RSS (VmHWM) under load.\n\n";
    md += "| server | connections | active | messages/s | p50 µs | p99 µs | peak RSS KiB | idle RSS KiB | threads | CPU s | status | note |\n";
    md += "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n";
    for (const auto& r : report.results) {
        bool ok = r.status == "ok";
        md += "| " + r.server + " | " + std::to_string(r.connections) + " | " + std::to_string(r.active) + " | " +
              (ok ? fixed(r.messagesPerS, 0) : "—") + " | " + (ok ? fixed(r.p50Us, 1) : "—") + " | " +
              (ok ? fixed(r.p99Us, 1) : "—") + " | " + (ok ? std::to_string(r.peakRssKb) : "—") + " | " +
              (ok ? std::to_string(r.idleRssKb) : "—") + " | " + (ok ? std::to_string(r.threads) : "—") + " | " +
              (ok ? fixed(r.cpuS, 2) : "—") + " | " + r.status + " | " + r.note + " |\n";
    }
    md += "\n## Cost of one wait\n\n";
    md += "One wait with a zero timeout, one ready descriptor, the rest idle, through the reactor's own backends.";
    md += "\n\n| backend | watched | ns per wait |\n|---|---:|---:|\n";
    for (const auto& w : report.waitCost) {
        md += "| " + w.backend + " | " + std::to_string(w.watched) + " | " + fixed(w.nsPerWait, 0) + " |\n";
    }
    for (const auto& s : report.waitCostSkipped) {
        md += "| " + s.backend + " | " + std::to_string(s.watched) + " | skipped: " + s.reason + " |\n";
    }
    return md;
}

}  // namespace lab::bench
