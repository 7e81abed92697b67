// JsonLinesSink: whole lines, and clear errors when the file cannot be written.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "trace/json_lines_sink.h"
#include "trace/tracer.h"

using namespace lab;

namespace {
std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}
}  // namespace

TEST_CASE("JsonLinesSink: a path that cannot be created is an error naming the path and the reason") {
    CHECK_THROWS_WITH(JsonLinesSink("/nonexistent/dir/t.jsonl"),
                      Catch::Contains("/nonexistent/dir/t.jsonl") && Catch::Contains("No such file"));
}

TEST_CASE("JsonLinesSink: a full disk is an error at flush, not silent loss") {
    JsonLinesSink sink("/dev/full");  // every write fails with ENOSPC
    ManualClock clock;
    Tracer tracer(clock, &sink);
    tracer.header(TraceHeader{"full", "select", "manual"});
    tracer.emit("something");
    CHECK_THROWS_WITH(sink.flush(), Catch::Contains("/dev/full") && Catch::Contains("No space"));
}

TEST_CASE("JsonLinesSink: after flush the file holds whole lines only, header first") {
    std::string path = std::string(REACTOR_LAB_BINARY_DIR) + "/whole_lines.jsonl";
    JsonLinesSink sink(path);
    ManualClock clock;
    Tracer tracer(clock, &sink);
    tracer.header(TraceHeader{"lines", "poll", "manual"});
    for (int i = 0; i < 5000; ++i) tracer.emit("tick", {{"i", i}});  // several buffer flushes
    sink.flush();
    std::string text = readAll(path);
    REQUIRE_FALSE(text.empty());
    CHECK(text.back() == '\n');
    CHECK(text.rfind("{\"schema\"", 0) == 0);
    std::size_t lines = 0;
    for (char c : text) lines += c == '\n';
    CHECK(lines == 5001);
    sink.close();
    std::remove(path.c_str());
}

TEST_CASE("JsonLinesSink: a write error mid-run is kept, later events are counted as lost, and flush reports it once") {
    JsonLinesSink sink("/dev/full");
    ManualClock clock;
    Tracer tracer(clock, &sink);
    tracer.header(TraceHeader{"full", "select", "manual"});
    // Enough events to pass the buffer size: the automatic write fails inside emit, which must
    // not throw there (emit runs in destructors and handlers' error paths).
    for (int i = 0; i < 5000; ++i) CHECK_NOTHROW(tracer.emit("tick", {{"i", i}}));
    CHECK_THROWS_WITH(sink.flush(), Catch::Contains("/dev/full") && Catch::Contains("No space") &&
                                        Catch::Contains("later events were not written"));
    CHECK_NOTHROW(sink.flush());
    CHECK_NOTHROW(sink.close());
}

TEST_CASE("JsonLinesSink: live, each wait_begin puts the lines so far in the file; not live, they wait in the buffer") {
    for (bool live : {false, true}) {
        INFO("live " << live);
        std::string path = std::string(REACTOR_LAB_BINARY_DIR) + "/live.jsonl";
        JsonLinesSink sink(path);
        sink.setLive(live);
        ManualClock clock;
        Tracer tracer(clock, &sink);
        tracer.header(TraceHeader{"live", "select", "manual"});
        tracer.emit(kind::iterationBegin);
        tracer.emit(kind::waitBegin);
        std::string text = readAll(path);
        if (live) {
            CHECK(text.find("\"kind\":\"wait_begin\"") != std::string::npos);
            CHECK(text.back() == '\n');
        } else {
            CHECK(text.empty());
        }
        tracer.emit(kind::waitEnd);  // after the wait: buffered again until the next one
        CHECK(readAll(path).find("wait_end") == std::string::npos);
    }
}
