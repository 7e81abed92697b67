// The trace reader on good and bad input (traces/edge/): every bad line is named with its file,
// line and reason, and every good line is kept.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

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

namespace {
std::string fileText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}
}  // namespace

TEST_CASE("TraceStream: following a file that grows in pieces cut anywhere, even mid-line, reads what reading it whole reads") {
    for (const char* name : {"valid.jsonl", "not_json.jsonl", "seq_backwards.jsonl", "blank_line.jsonl", "wrong_types.jsonl"}) {
        INFO(name);
        std::string text = fileText(edge(name));
        std::istringstream whole(text);
        TraceFile expected = readTrace(whole, name);
        for (std::size_t piece : {1, 7, 64}) {
            INFO("pieces of " << piece << " bytes");
            std::stringstream growing;
            TraceStream stream(growing, name, true);
            std::vector<TraceJson> events;
            std::vector<std::size_t> lines;
            std::vector<TraceProblem> problems;
            for (std::size_t at = 0; at < text.size(); at += piece) {
                growing.clear();  // the stream's end-of-file state, met by the reader, would refuse the write
                growing << text.substr(at, piece);  // the writer appends; the follower reads on
                TraceJson event;
                while (stream.next(event)) {
                    events.push_back(event);
                    lines.push_back(stream.line());
                }
                for (TraceProblem& problem : stream.takeProblems()) problems.push_back(std::move(problem));
            }
            CHECK(stream.header() == expected.header);
            CHECK(events == expected.events);
            CHECK(lines == expected.lines);
            REQUIRE(problems.size() == expected.problems.size());
            for (std::size_t i = 0; i < problems.size(); ++i) CHECK(problems[i].toString() == expected.problems[i].toString());
        }
    }
}

TEST_CASE("TraceStream: a followed file whose last line is half written waits for it instead of calling it truncated") {
    std::string text = fileText(edge("truncated.jsonl"));
    std::istringstream whole(text);
    REQUIRE(onlyProblem(readTrace(whole, "t")).reason.find("truncated") != std::string::npos);
    std::stringstream growing(text);
    TraceStream stream(growing, "t", true);
    TraceJson event;
    std::size_t events = 0;
    while (stream.next(event)) ++events;
    CHECK(stream.takeProblems().empty());
    CHECK(stream.unfinishedLine());
    // The writer finishes the line: it is whole now, and an event like the others.
    growing.clear();
    growing.seekp(0, std::ios::end);
    growing << R"(er":1,"kind":"iteration_end"})" << "\n";
    std::size_t more = 0;
    while (stream.next(event)) ++more;
    CHECK_FALSE(stream.unfinishedLine());
    CHECK(more == 1);
    CHECK(event["kind"] == "iteration_end");
    CHECK(stream.line() == 4);
    CHECK(stream.takeProblems().empty());
}

TEST_CASE("TraceStream: an empty file is said once, read as a whole") {
    std::istringstream empty("");
    TraceStream stream(empty, "e");
    TraceJson event;
    CHECK_FALSE(stream.next(event));
    REQUIRE(stream.takeProblems().size() == 1);
    CHECK(stream.takeProblems().empty());
}
