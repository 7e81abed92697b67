// reactor-trace's Chrome export, checked against the Trace Event Format's rules by a checker
// written here (not by the exporter's own code): on every lesson's golden trace (found by glob,
// so a new lesson is covered without editing this file), on every bad-input fixture, and on a
// threaded-baseline trace. Perfetto's JSON importer is the reader we aim at: it needs each flow
// end bound to a slice, X slices nested on their thread, b/e balanced per (cat, id).
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "chrome_export.h"
#include "model/trace_model.h"
#include "trace/trace_reader.h"

using lab::TraceJson;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> traceFiles(const std::string& dir, bool lessons) {
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(std::string(REACTOR_LAB_SOURCE_DIR) + "/" + dir)) {
        fs::path path = lessons ? entry.path() / "expected.jsonl" : entry.path();
        if (fs::is_regular_file(path) && path.extension() == ".jsonl") files.push_back(path.string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

struct Slice {
    double ts, end;
};

// Every rule the format states for the phases the exporter writes. Fails the test on the first
// broken one, naming the event.
void checkChromeFormat(const TraceJson& doc) {
    REQUIRE(doc.is_object());
    REQUIRE(doc.contains("traceEvents"));
    REQUIRE(doc["traceEvents"].is_array());
    std::map<std::pair<int, int>, std::vector<Slice>> slices;  // (pid, tid) -> X slices
    std::map<std::pair<std::string, std::string>, int> openAsync;  // (cat, id) -> b minus e so far
    std::map<std::string, TraceJson> flowStarts, flowEnds;         // id -> event
    std::set<std::pair<int, int>> namedThreads, usedThreads;
    std::vector<TraceJson> ordered;
    // By value: a missing key then reads as null and fails its check instead of asserting.
    for (TraceJson event : doc["traceEvents"]) {
        INFO(event.dump());
        REQUIRE(event.is_object());
        REQUIRE(event.contains("ph"));
        REQUIRE(event["ph"].is_string());
        REQUIRE(event["name"].is_string());
        REQUIRE(event["pid"].is_number_integer());
        REQUIRE(event["tid"].is_number_integer());
        std::string ph = event["ph"];
        std::pair<int, int> thread{event["pid"].get<int>(), event["tid"].get<int>()};
        if (ph == "M") {
            std::string name = event["name"];
            CHECK((name == "process_name" || name == "thread_name"));
            REQUIRE(event["args"]["name"].is_string());
            CHECK_FALSE(event["args"]["name"].get<std::string>().empty());
            if (name == "thread_name") namedThreads.insert(thread);
            continue;
        }
        REQUIRE(event["ts"].is_number());
        CHECK(event["ts"].get<double>() >= 0);
        usedThreads.insert(thread);
        ordered.push_back(event);
        if (ph == "X") {
            REQUIRE(event["dur"].is_number());
            CHECK(event["dur"].get<double>() >= 0);
            slices[thread].push_back({event["ts"].get<double>(), event["ts"].get<double>() + event["dur"].get<double>()});
        } else if (ph == "i") {
            CHECK((event["s"] == "t" || event["s"] == "p" || event["s"] == "g"));
        } else if (ph == "b" || ph == "e" || ph == "s" || ph == "f") {
            REQUIRE(event.contains("id"));
            REQUIRE(event["cat"].is_string());
            if (ph == "s") CHECK(flowStarts.emplace(event["id"].dump(), event).second);
            if (ph == "f") {
                CHECK(flowEnds.emplace(event["id"].dump(), event).second);
                CHECK(event["bp"] == "e");
            }
        } else {
            FAIL("a phase the exporter should not write: " << ph);
        }
    }
    // X slices on one thread nest: each one lies inside the innermost one still open at its start.
    for (auto& [thread, list] : slices) {
        std::sort(list.begin(), list.end(), [](const Slice& a, const Slice& b) {
            return a.ts != b.ts ? a.ts < b.ts : a.end > b.end;
        });
        std::vector<Slice> stack;
        for (const Slice& slice : list) {
            while (!stack.empty() && stack.back().end <= slice.ts) stack.pop_back();
            INFO("slice at " << slice.ts << " to " << slice.end << " on tid " << thread.second);
            if (!stack.empty()) CHECK(slice.end <= stack.back().end);
            stack.push_back(slice);
        }
    }
    // b/e balance per (cat, id), in time order: never an e before its b, none left open.
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const TraceJson& a, const TraceJson& b) { return a["ts"].get<double>() < b["ts"].get<double>(); });
    for (const TraceJson& event : ordered) {
        if (event["ph"] != "b" && event["ph"] != "e") continue;
        int& open = openAsync[{event["cat"].get<std::string>(), event["id"].dump()}];
        open += event["ph"] == "b" ? 1 : -1;
        INFO(event.dump());
        CHECK(open >= 0);
    }
    for (const auto& [key, open] : openAsync) CHECK(open == 0);
    // Every flow start has its end, with the same id, name and category, not earlier; and each
    // end lies inside a slice on its thread (what "bp":"e" binds to).
    for (const auto& [id, start] : flowStarts) {
        INFO("flow " << id);
        REQUIRE(flowEnds.count(id) == 1);
        const TraceJson& end = flowEnds.at(id);
        CHECK(end["name"] == start["name"]);
        CHECK(end["cat"] == start["cat"]);
        CHECK(end["ts"].get<double>() >= start["ts"].get<double>());
        for (const TraceJson* point : {&start, &end}) {
            double ts = (*point)["ts"].get<double>();
            const auto& list = slices[{(*point)["pid"].get<int>(), (*point)["tid"].get<int>()}];
            CHECK(std::any_of(list.begin(), list.end(), [&](const Slice& s) { return s.ts <= ts && ts <= s.end; }));
        }
    }
    for (const auto& [id, end] : flowEnds) CHECK(flowStarts.count(id) == 1);
    // Every thread that has events has a name.
    for (const auto& thread : usedThreads) CHECK(namedThreads.count(thread) == 1);
}

std::size_t countPhase(const TraceJson& doc, const std::string& ph, const std::string& cat = "") {
    std::size_t n = 0;
    for (const TraceJson& event : doc["traceEvents"]) {
        n += event["ph"] == ph && (cat.empty() || event.value("cat", "") == cat) ? 1 : 0;
    }
    return n;
}

}  // namespace

TEST_CASE("ChromeExport: every lesson's golden trace exports to a trace that keeps the format's rules") {
    std::vector<std::string> files = traceFiles("lessons", true);
    REQUIRE(files.size() >= 7);
    for (const std::string& file : files) {
        INFO(file);
        lab::viz::TraceModel model = lab::viz::TraceModel::load(file);
        REQUIRE(model.problems().empty());
        TraceJson doc = lab::cli::toChromeTrace(model);
        checkChromeFormat(doc);
        // What the export promises, counted from the trace itself.
        lab::TraceFile trace = lab::readTraceFile(file);
        std::map<std::int64_t, int> scheduledThenFired;  // timer -> 1 scheduled, 2 fired after
        std::size_t created = 0, iterations = 0;
        for (const TraceJson& event : trace.events) {
            std::string kind = event["kind"];
            created += kind == "deferred_created" ? 1 : 0;
            iterations += kind == "iteration_begin" ? 1 : 0;
            if (kind == "timer_scheduled") scheduledThenFired[event["timer"].get<std::int64_t>()] = 1;
            if (kind == "timer_fired" && scheduledThenFired[event["timer"].get<std::int64_t>()] == 1) {
                scheduledThenFired[event["timer"].get<std::int64_t>()] = 2;
            }
        }
        std::size_t flows = std::count_if(scheduledThenFired.begin(), scheduledThenFired.end(),
                                          [](const auto& entry) { return entry.second == 2; });
        CHECK(countPhase(doc, "s") == flows);
        CHECK(countPhase(doc, "b", "deferred") == created);
        std::size_t iterationSlices = 0;
        for (const TraceJson& event : doc["traceEvents"]) {
            iterationSlices += event["ph"] == "X" && event["name"].get<std::string>().rfind("Iteration ", 0) == 0 ? 1 : 0;
        }
        CHECK(iterationSlices == iterations);
    }
}

TEST_CASE("ChromeExport: every bad-input fixture exports what it could read, keeping the format's rules") {
    std::vector<std::string> files = traceFiles("traces/edge", false);
    REQUIRE(files.size() >= 10);
    for (const std::string& file : files) {
        INFO(file);
        checkChromeFormat(lab::cli::toChromeTrace(lab::viz::TraceModel::load(file)));
    }
}

TEST_CASE("ChromeExport: each thread of a threaded-baseline trace gets its own tid and name") {
    std::istringstream text(
        R"({"schema":"reactor-lab-trace","version":1,"program":"baseline","backend":"threads","clock":"manual","time_unit":"ns"}
{"seq":1,"t":0,"iter":0,"kind":"thread_started","thread":1,"name":"worker 1"}
{"seq":2,"t":0,"iter":0,"kind":"thread_started","thread":2,"name":"worker 2"}
{"seq":3,"t":5,"iter":0,"kind":"bytes_read","thread":1,"connection":1,"bytes":3}
{"seq":4,"t":5,"iter":0,"kind":"bytes_read","thread":2,"connection":2,"bytes":4}
{"seq":5,"t":9,"iter":0,"kind":"stop"}
)");
    TraceJson doc = lab::cli::toChromeTrace(lab::viz::TraceModel::fromTrace(lab::readTrace(text, "baseline"), "baseline"));
    checkChromeFormat(doc);
    std::map<std::string, int> tidOfThread;  // thread_name -> tid
    std::map<std::int64_t, std::set<int>> tidsOfLogicalThread;
    for (TraceJson event : doc["traceEvents"]) {
        if (event["name"] == "thread_name") tidOfThread[event["args"]["name"]] = event["tid"];
        if (event["ph"] == "i" && event["args"].contains("thread")) {
            tidsOfLogicalThread[event["args"]["thread"].get<std::int64_t>()].insert(event["tid"].get<int>());
        }
    }
    REQUIRE(tidOfThread.count("worker 1") == 1);
    REQUIRE(tidOfThread.count("worker 2") == 1);
    CHECK(tidOfThread["worker 1"] != tidOfThread["worker 2"]);
    CHECK(tidsOfLogicalThread[1] == std::set<int>{tidOfThread["worker 1"]});
    CHECK(tidsOfLogicalThread[2] == std::set<int>{tidOfThread["worker 2"]});
    // The one event with no thread field stays on the loop's lane.
    CHECK(tidOfThread.count("reactor loop") == 1);
}

TEST_CASE("ChromeExport: every phase of an iteration is a slice, phase 0 (Run thread calls) included") {
    std::istringstream text(
        R"({"schema":"reactor-lab-trace","version":1,"program":"threads","backend":"poll","clock":"manual","time_unit":"ns"}
{"seq":1,"t":0,"iter":0,"kind":"run_begin"}
{"seq":2,"t":0,"iter":1,"kind":"iteration_begin"}
{"seq":3,"t":0,"iter":1,"kind":"thread_calls_run","count":1}
{"seq":4,"t":0,"iter":1,"kind":"thread_job_done","job":1,"ok":true}
{"seq":5,"t":0,"iter":1,"kind":"timers_run","due":0}
{"seq":6,"t":0,"iter":1,"kind":"timeout_computed","timeout_ns":0,"reason":"stopping"}
{"seq":7,"t":0,"iter":1,"kind":"wait_begin","timeout_ns":0,"readers":[],"writers":[]}
{"seq":8,"t":0,"iter":1,"kind":"wait_end","readable":[],"writable":[],"disconnected":[]}
{"seq":9,"t":0,"iter":1,"kind":"ready_dispatch","ready":0}
{"seq":10,"t":0,"iter":1,"kind":"iteration_end"}
{"seq":11,"t":0,"iter":1,"kind":"run_end"}
)");
    TraceJson doc = lab::cli::toChromeTrace(lab::viz::TraceModel::fromTrace(lab::readTrace(text, "threads"), "threads"));
    checkChromeFormat(doc);
    std::set<std::string> slices;
    for (const TraceJson& event : doc["traceEvents"]) {
        if (event["ph"] == "X") slices.insert(event["name"].get<std::string>());
    }
    for (const char* phase : {"Run thread calls", "Run due timers", "Compute the timeout", "Wait for events",
                              "Dispatch ready handlers"}) {
        INFO(phase);
        CHECK(slices.count(phase) == 1);
    }
}
