// readTraceParallel: the threaded reader says exactly what the library's reader says.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "model/parallel_read.h"
#include "trace/json_lines_sink.h"
#include "trace_fixtures.h"

using namespace lab;
using namespace lab::viz;

namespace {

void requireSame(const TraceFile& expected, const TraceFile& actual) {
    REQUIRE(actual.header == expected.header);
    REQUIRE(actual.events == expected.events);
    REQUIRE(actual.lines == expected.lines);
    REQUIRE(actual.problems.size() == expected.problems.size());
    for (std::size_t i = 0; i < expected.problems.size(); ++i) CHECK(actual.problems[i].toString() == expected.problems[i].toString());
}

}  // namespace

TEST_CASE("readTraceParallel: every edge fixture reads as readTraceFile reads it, problems included") {
    std::filesystem::path edge = std::filesystem::path(REACTOR_LAB_SOURCE_DIR) / "traces" / "edge";
    int fixtures = 0;
    for (const auto& entry : std::filesystem::directory_iterator(edge)) {
        if (entry.path().extension() != ".jsonl") continue;
        ++fixtures;
        INFO(entry.path().string());
        TraceFile expected = readTraceFile(entry.path().string());
        for (unsigned threads : {1u, 2u, 3u}) requireSame(expected, readTraceParallel(entry.path().string(), nullptr, threads));
    }
    CHECK(fixtures >= 14);
}

TEST_CASE("readTraceParallel: a trace split over threads keeps file order and checks order across the split") {
    std::string path = (std::filesystem::temp_directory_path() / "parallel_read_test.jsonl").string();
    {
        JsonLinesSink sink(path);
        recordSyntheticTrace(sink, 20000);
        sink.close();
    }
    TraceFile expected = readTraceFile(path);
    REQUIRE(expected.ok());
    requireSame(expected, readTraceParallel(path, nullptr, 2));
    std::filesystem::remove(path);
}

TEST_CASE("readTraceParallel: a missing file is one problem at line 0") {
    TraceFile trace = readTraceParallel("/nonexistent/dir/trace.jsonl");
    REQUIRE(trace.problems.size() == 1);
    CHECK(trace.problems[0].line == 0);
    CHECK(trace.problems[0].reason.find("cannot open") == 0);
}
