// Traces of the loop: the phases of an iteration in order, stamps, and backend independence.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/reactor.h"
#include "support/recording_handler.h"
#include "support/socket_pair.h"
#include "trace/memory_sink.h"

using namespace lab;
using namespace lab::test;
using namespace std::chrono_literals;

using Kinds = std::vector<std::string>;

TEST_CASE("Trace: one iteration records its phases in order") {
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"select", &clock, &sink});
    reactor.callLater(1s, [] {});
    sink = MemorySink();  // only the iteration, not the scheduling
    reactor.runOnce();
    CHECK(sink.kinds() == Kinds{"iteration_begin", "timers_run", "timeout_computed", "wait_begin", "wait_end",
                                "ready_dispatch", "iteration_end"});
}

TEST_CASE("Trace: a due timer fires inside the run-due-timers phase") {
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"select", &clock, &sink});
    reactor.callLater(0s, [] {});
    reactor.callLater(1s, [] {});
    reactor.runOnce();
    Kinds kinds = sink.kinds();
    Kinds expected{"timer_scheduled", "timer_scheduled", "iteration_begin", "timers_run", "timer_fired",
                   "timeout_computed", "wait_begin", "wait_end", "ready_dispatch", "iteration_end"};
    CHECK(kinds == expected);
    CHECK(sink.ofKind("timers_run")[0]["due"] == 1);
}

TEST_CASE("Trace: the header names schema, version, program, backend and clock") {
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"poll", &clock, &sink, "phase-test"});
    const TraceJson& header = sink.headerJson();
    CHECK(header["schema"] == "reactor-lab-trace");
    CHECK(header["version"] == 1);
    CHECK(header["program"] == "phase-test");
    CHECK(header["backend"] == "poll");
    CHECK(header["clock"] == "manual");
}

TEST_CASE("Trace: seq counts up by one, time never goes back, iterations are numbered from 1") {
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"select", &clock, &sink});
    reactor.callLater(1s, [] {});
    reactor.callLater(2s, [&] { reactor.stop(); });
    reactor.run();
    std::int64_t seq = 0;
    std::int64_t t = 0;
    for (const auto& event : sink.events()) {
        CHECK(event["seq"] == seq + 1);
        CHECK(event["t"].get<std::int64_t>() >= t);
        seq = event["seq"];
        t = event["t"];
    }
    CHECK(sink.ofKind("iteration_begin").front()["iter"] == 1);
    CHECK(sink.events().front()["iter"] == 0);  // scheduling happened before any iteration
}

TEST_CASE("Trace: the wait records interest going in and readiness coming out") {
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"poll", &clock, &sink});
    SocketPair pair;
    RecordingHandler reader(pair.left);
    reader.onRead = [&] { SocketPair::receive(pair.left); };
    reactor.addReader(reader);
    SocketPair::send(pair.right, "x");
    reactor.runOnce();
    auto begin = sink.ofKind("wait_begin").at(0);
    auto end = sink.ofKind("wait_end").at(0);
    CHECK(begin["readers"] == std::vector<int>{pair.left});
    CHECK(begin["timeout_ns"].is_null());
    CHECK(end["readable"] == std::vector<int>{pair.left});
    auto called = sink.ofKind("handler_called").at(0);
    CHECK(called["event"] == "read");
    CHECK(called["fd"] == pair.left);
}

TEST_CASE("Trace: the same program on select, poll and epoll differs only in the header and epoll's interest_changes") {
    auto record = [](const std::string& backend) {
        SocketPair pair;  // first, so the pair gets the same fds whether or not the backend holds one (epoll)
        ManualClock clock;
        MemorySink sink;
        Reactor reactor({backend, &clock, &sink});
        RecordingHandler reader(pair.left);
        reader.onRead = [&] {
            if (SocketPair::receive(pair.left) == "stop") reactor.stop();
        };
        reactor.addReader(reader);
        reactor.callLater(1s, [&] { SocketPair::send(pair.right, "go"); });
        reactor.callLater(2s, [&] { SocketPair::send(pair.right, "stop"); });
        reactor.run();
        reactor.removeReader(reader);
        return sink;
    };
    MemorySink onSelect = record("select");
    CHECK(onSelect.headerJson()["backend"] == "select");
    for (std::string other : {"poll", "epoll"}) {
        MemorySink onOther = record(other);
        CHECK(onOther.headerJson()["backend"] == other);
        REQUIRE(onSelect.events().size() == onOther.events().size());
        for (std::size_t i = 0; i < onSelect.events().size(); ++i) {
            TraceJson event = onOther.events()[i];
            if (other == "epoll" && event["kind"] == "wait_end") {
                // The one reader entered the kernel's set at once; no wait had a change to apply.
                CHECK(event["interest_changes"] == 0);
                event.erase("interest_changes");
            }
            CHECK(onSelect.events()[i] == event);
        }
    }
}

TEST_CASE("Trace: an epoll wait says how many interest changes it applied") {
    SocketPair pair;
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"epoll", &clock, &sink});
    RecordingHandler handler(pair.left);
    reactor.addReader(handler);
    reactor.addWriter(handler);  // recorded; the next wait hands EPOLLOUT to the kernel
    reactor.runOnce();
    reactor.removeWriter(handler);
    reactor.addWriter(handler);  // undone before the wait: nothing to apply
    reactor.runOnce();
    reactor.removeWriter(handler);
    reactor.removeReader(handler);
    auto waits = sink.ofKind("wait_end");
    REQUIRE(waits.size() == 2);
    CHECK(waits[0]["interest_changes"] == 1);
    CHECK(waits[1]["interest_changes"] == 0);
    CHECK(waits[1]["writable"] == std::vector<int>{pair.left});
}
