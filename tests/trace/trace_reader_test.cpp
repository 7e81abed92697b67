// The trace reader on good and bad input (traces/edge/): every bad line is named with its file,
// line and reason, and every good line is kept.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "trace/trace_reader.h"

using namespace lab;

namespace {
std::string edge(const std::string& name) { return std::string(REACTOR_LAB_SOURCE_DIR) + "/traces/edge/" + name; }

// The one problem a fixture should produce.
TraceProblem onlyProblem(const TraceFile& trace) {
    REQUIRE(trace.problems.size() == 1);
    return trace.problems[0];
}
}  // namespace

TEST_CASE("TraceReader: a valid trace reads with its header and every event") {
    TraceFile trace = readTraceFile(edge("valid.jsonl"));
    CHECK(trace.ok());
    CHECK(trace.header["program"] == "edge");
    REQUIRE(trace.events.size() == 3);
    CHECK(trace.events[2]["kind"] == "iteration_end");
    CHECK(trace.lines == std::vector<std::size_t>{2, 3, 4});
}

TEST_CASE("TraceReader: a line that is not JSON is reported and the lines after it are kept") {
    TraceFile trace = readTraceFile(edge("not_json.jsonl"));
    TraceProblem problem = onlyProblem(trace);
    CHECK(problem.line == 3);
    CHECK(problem.reason == "not valid JSON");
    CHECK(problem.toString() == edge("not_json.jsonl") + ":3: not valid JSON");
    CHECK(trace.events.size() == 2);
}

TEST_CASE("TraceReader: a truncated last line is called truncated") {
    TraceFile trace = readTraceFile(edge("truncated.jsonl"));
    TraceProblem problem = onlyProblem(trace);
    CHECK(problem.line == 4);
    CHECK(problem.reason.find("truncated last line") != std::string::npos);
    CHECK(trace.events.size() == 2);
}

TEST_CASE("TraceReader: a missing kind is named") {
    TraceProblem problem = onlyProblem(readTraceFile(edge("missing_kind.jsonl")));
    CHECK(problem.line == 3);
    CHECK(problem.reason == "missing \"kind\"");
}

TEST_CASE("TraceReader: seq that does not increase is reported") {
    TraceProblem problem = onlyProblem(readTraceFile(edge("seq_backwards.jsonl")));
    CHECK(problem.line == 4);
    CHECK(problem.reason == "seq 2 does not follow seq 2");
}

TEST_CASE("TraceReader: time that goes backwards is reported") {
    TraceProblem problem = onlyProblem(readTraceFile(edge("time_backwards.jsonl")));
    CHECK(problem.line == 3);
    CHECK(problem.reason.find("time goes backwards") != std::string::npos);
}

TEST_CASE("TraceReader: a header of an unknown version is refused with the version named") {
    TraceFile trace = readTraceFile(edge("future_version.jsonl"));
    TraceProblem problem = onlyProblem(trace);
    CHECK(problem.line == 1);
    CHECK(problem.reason.find("version 2 is not supported") != std::string::npos);
    CHECK(trace.header.is_null());
}

TEST_CASE("TraceReader: a first line that is not a header is reported") {
    TraceProblem problem = onlyProblem(readTraceFile(edge("no_header.jsonl")));
    CHECK(problem.line == 1);
    CHECK(problem.reason.find("not a reactor-lab trace header") != std::string::npos);
}

TEST_CASE("TraceReader: an empty file and a blank line are reported") {
    CHECK(onlyProblem(readTraceFile(edge("empty.jsonl"))).reason.find("empty") != std::string::npos);
    TraceFile blank = readTraceFile(edge("blank_line.jsonl"));
    TraceProblem problem = onlyProblem(blank);
    CHECK(problem.line == 3);
    CHECK(problem.reason == "empty line");
    CHECK(blank.events.size() == 2);
}

TEST_CASE("TraceReader: lines of the wrong shape are each reported") {
    TraceFile trace = readTraceFile(edge("wrong_types.jsonl"));
    REQUIRE(trace.problems.size() == 2);
    CHECK(trace.problems[0].line == 2);
    CHECK(trace.problems[0].reason == "expected a JSON object");
    CHECK(trace.problems[1].line == 3);
    CHECK(trace.problems[1].reason.find("\"seq\" must be a non-negative integer") != std::string::npos);
}

TEST_CASE("TraceReader: a file that cannot be opened is one problem at line 0, not an exception") {
    TraceFile trace = readTraceFile("/nonexistent/dir/trace.jsonl");
    TraceProblem problem = onlyProblem(trace);
    CHECK(problem.line == 0);
    CHECK(problem.reason.find("cannot open") != std::string::npos);
}
