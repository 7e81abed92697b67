// reactor-trace's Chrome export, checked against the Trace Event Format's rules by a checker
// written here (not by the exporter's own code): on every lesson's golden trace (found by glob,
// so a new lesson is covered without editing this file), on every bad-input fixture, and on a
// threaded-baseline trace. Perfetto's JSON importer is the reader we aim at: it needs each flow
// end bound to a slice, X slices nested on their thread, b/e balanced per (cat, id). The export
// streams, so its items are not in ts order; the order rules it keeps instead (no two X slices
// of a thread at one ts, a flow end after the slice it binds to) are checked here too, since
// both viewers keep file order at a tie. And it carries the same items as the exporter that held
// the whole trace in memory did: tests/tools/fixtures/chrome/ holds that exporter's output.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "chrome_export.h"
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

// The export as reactor-trace writes it: a first read plans, a second writes. It must parse as a
// whole JSON document.
TraceJson exportOf(std::istream& first, std::istream& second, const std::string& name) {
    std::ostringstream problems, out;
    lab::cli::ChromePlan plan = lab::cli::planChromeExport(first, name, problems);
    lab::cli::writeChromeTrace(second, name, plan, out);
    TraceJson doc = TraceJson::parse(out.str(), nullptr, false);
    REQUIRE_FALSE(doc.is_discarded());
    return doc;
}

TraceJson exportOfFile(const std::string& file) {
    std::ifstream first(file, std::ios::binary), second(file, std::ios::binary);
    return exportOf(first, second, file);
}

TraceJson exportOfText(const std::string& text, const std::string& name) {
    std::istringstream first(text), second(text);
    return exportOf(first, second, name);
}

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
    std::map<std::pair<int, int>, std::set<double>> sliceStartsSoFar;  // (pid, tid) -> X ts written before
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
            // At a tie in ts, viewers nest by file order: a parent after its child would be drawn inside it.
            CHECK(sliceStartsSoFar[thread].insert(event["ts"].get<double>()).second);
        } else if (ph == "i") {
            CHECK((event["s"] == "t" || event["s"] == "p" || event["s"] == "g"));
        } else if (ph == "b" || ph == "e" || ph == "s" || ph == "f") {
            REQUIRE(event.contains("id"));
            REQUIRE(event["cat"].is_string());
            if (ph == "s") CHECK(flowStarts.emplace(event["id"].dump(), event).second);
            if (ph == "f") {
                CHECK(flowEnds.emplace(event["id"].dump(), event).second);
                CHECK(event["bp"] == "e");
                // Bound to the slice that starts at its ts, which must come first in the file.
                CHECK(sliceStartsSoFar[thread].count(event["ts"].get<double>()) == 1);
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
        TraceJson doc = exportOfFile(file);
        checkChromeFormat(doc);
        // What the export promises, counted from the trace itself.
        lab::TraceFile trace = lab::readTraceFile(file);
        REQUIRE(trace.problems.empty());
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
        checkChromeFormat(exportOfFile(file));
    }
}

TEST_CASE("ChromeExport: each thread of a threaded-baseline trace gets its own tid and name") {
    std::string text(
        R"({"schema":"reactor-lab-trace","version":1,"program":"baseline","backend":"threads","clock":"manual","time_unit":"ns"}
{"seq":1,"t":0,"iter":0,"kind":"thread_started","thread":1,"name":"worker 1"}
{"seq":2,"t":0,"iter":0,"kind":"thread_started","thread":2,"name":"worker 2"}
{"seq":3,"t":5,"iter":0,"kind":"bytes_read","thread":1,"connection":1,"bytes":3}
{"seq":4,"t":5,"iter":0,"kind":"bytes_read","thread":2,"connection":2,"bytes":4}
{"seq":5,"t":9,"iter":0,"kind":"stop"}
)");
    TraceJson doc = exportOfText(text, "baseline");
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

TEST_CASE("ChromeExport: a trace that is not the one its first read planned is an error, not a wrong export") {
    std::string header = R"({"schema":"reactor-lab-trace","version":1,"program":"p","backend":"poll","clock":"manual","time_unit":"ns"})" "\n";
    std::string two = header + R"({"seq":1,"t":0,"iter":0,"kind":"run_begin"})" "\n" +
                      R"({"seq":2,"t":0,"iter":0,"kind":"deferred_created","deferred":1,"label":"a"})" "\n";
    std::string three = two + R"({"seq":3,"t":0,"iter":0,"kind":"deferred_created","deferred":2,"label":"b"})" "\n";
    for (const auto& [planned, written] : {std::pair{two, three}, std::pair{three, two}}) {
        std::istringstream first(planned), second(written);
        std::ostringstream problems, out;
        lab::cli::ChromePlan plan = lab::cli::planChromeExport(first, "changing", problems);
        CHECK_THROWS_AS(lab::cli::writeChromeTrace(second, "changing", plan, out), lab::cli::ChromeExportError);
    }
}

TEST_CASE("ChromeExport: every phase of an iteration is a slice, phase 0 (Run thread calls) included") {
    std::string text(
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
    TraceJson doc = exportOfText(text, "threads");
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

namespace {

// An item compared with the golden: keys in any order (nlohmann::json sorts them), and a flow's
// id, only a key joining its two ends, replaced by the ts of its start, so that numbering flows
// in another order (the streaming export numbers them as the timers fire) is no difference.
std::vector<std::string> canonicalItems(const std::vector<nlohmann::json>& items) {
    std::map<std::string, nlohmann::json> flowStartTs;  // id -> ts of its "s"
    for (const nlohmann::json& item : items) {
        if (item.value("ph", "") == "s") flowStartTs[item["id"].dump()] = item["ts"];
    }
    std::vector<std::string> canonical;
    for (nlohmann::json item : items) {
        std::string ph = item.value("ph", "");
        if (ph == "s" || ph == "f") item["id"] = "flow from ts " + flowStartTs[item["id"].dump()].dump();
        canonical.push_back(item.dump());
    }
    std::sort(canonical.begin(), canonical.end());
    return canonical;
}

// The trace a golden was made from: its copy beside it (fixtures/chrome/README.md).
std::string sourceOf(const fs::path& golden) {
    std::string name = golden.filename().string();
    return (golden.parent_path() / (name.substr(0, name.size() - std::string(".chrome.jsonl").size()) + ".jsonl")).string();
}

}  // namespace

TEST_CASE("ChromeExport: the streaming export carries the same items as the whole-trace exporter did, on lessons and edge fixtures") {
    std::vector<fs::path> goldens;
    for (const auto& entry : fs::directory_iterator(std::string(REACTOR_LAB_SOURCE_DIR) + "/tests/tools/fixtures/chrome")) {
        std::string name = entry.path().filename().string();
        if (name.size() > 13 && name.substr(name.size() - 13) == ".chrome.jsonl") goldens.push_back(entry.path());
    }
    std::sort(goldens.begin(), goldens.end());
    REQUIRE(goldens.size() >= 6);
    for (const fs::path& golden : goldens) {
        INFO(golden.string());
        std::string source = sourceOf(golden);
        REQUIRE(fs::is_regular_file(source));
        std::vector<nlohmann::json> before;
        std::ifstream in(golden);
        for (std::string line; std::getline(in, line);) before.push_back(nlohmann::json::parse(line));
        TraceJson doc = exportOfFile(source);
        std::vector<nlohmann::json> now;
        for (const TraceJson& item : doc["traceEvents"]) now.push_back(nlohmann::json::parse(item.dump()));
        std::vector<std::string> expected = canonicalItems(before), actual = canonicalItems(now);
        CHECK(actual.size() == expected.size());
        // The first difference, named, rather than two long lists.
        auto [a, e] = std::mismatch(actual.begin(), actual.end(), expected.begin(), expected.end());
        if (a != actual.end() || e != expected.end()) {
            FAIL("first difference: now " << (a != actual.end() ? *a : "(none)") << "\nbefore "
                                          << (e != expected.end() ? *e : "(none)"));
        }
    }
}
