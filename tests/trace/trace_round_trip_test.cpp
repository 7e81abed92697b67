// A trace written as JSON Lines reads back as the same events, keys in a stable order.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "core/reactor.h"
#include "support/recording_handler.h"
#include "support/socket_pair.h"
#include "trace/json_lines_sink.h"
#include "trace/memory_sink.h"
#include "trace/trace_reader.h"

using namespace lab;
using namespace lab::test;
using namespace std::chrono_literals;

namespace {
std::string tempPath(const std::string& name) { return std::string(REACTOR_LAB_BINARY_DIR) + "/" + name; }

// A small program that touches most kinds: timers, cancel, reset, a reader, stop.
void program(TraceSink& sink) {
    ManualClock clock;
    Reactor reactor({"poll", &clock, &sink, "round-trip"});
    SocketPair pair;
    RecordingHandler reader(pair.left, "Reader");
    reader.onRead = [&] { SocketPair::receive(pair.left); };
    reactor.addReader(reader);
    auto cancelled = reactor.callLater(5s, [] {});
    auto moved = reactor.callLater(1s, [] {});
    moved->reset(2s);
    cancelled->cancel();
    reactor.callLater(1s, [&] { SocketPair::send(pair.right, "x"); });
    reactor.callLater(3s, [&] { reactor.stop(); });
    reactor.run();
    reactor.removeReader(reader);
}
}  // namespace

TEST_CASE("Trace: events written as JSON Lines read back equal to the events recorded in memory") {
    // The file is opened first so both runs see the same free descriptor numbers.
    std::string path = tempPath("round_trip.jsonl");
    auto file = std::make_unique<JsonLinesSink>(path);
    MemorySink memory;
    program(memory);
    program(*file);
    file.reset();
    TraceFile trace = readTraceFile(path);
    CHECK(trace.ok());
    CHECK(trace.header == memory.headerJson());
    REQUIRE(trace.events.size() == memory.events().size());
    for (std::size_t i = 0; i < trace.events.size(); ++i) CHECK(trace.events[i] == memory.events()[i]);
    std::remove(path.c_str());
}

TEST_CASE("Trace: every line starts with seq, t, iter, kind in that order") {
    MemorySink memory;
    program(memory);
    for (const auto& event : memory.events()) {
        auto it = event.begin();
        CHECK(it.key() == "seq");
        CHECK((++it).key() == "t");
        CHECK((++it).key() == "iter");
        CHECK((++it).key() == "kind");
    }
    CHECK(toLine(memory.headerJson()).rfind("{\"schema\":\"reactor-lab-trace\",\"version\":1,", 0) == 0);
}

TEST_CASE("Trace: text that is not valid UTF-8 is replaced, never fatal") {
    ManualClock clock;
    MemorySink sink;
    Tracer tracer(clock, &sink);
    std::string bad = "ok\xff\xfe";
    tracer.emit("label", {{"text", bad}});
    std::string line;
    CHECK_NOTHROW(line = toLine(sink.events()[0]));
    CHECK(line.find("ok\xEF\xBF\xBD") != std::string::npos);  // U+FFFD
}
