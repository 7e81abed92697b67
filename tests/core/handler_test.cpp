// Reactor: handlers registered for descriptors, dispatched on readiness, disconnected on failure.
// Most cases run against both real backends; the hang-up rules use the scripted backend.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/errors.h"
#include "core/reactor.h"
#include "support/recording_handler.h"
#include "support/scripted_backend.h"
#include "support/socket_pair.h"
#include "trace/memory_sink.h"

using namespace lab;
using namespace lab::test;
using namespace std::chrono_literals;

using Calls = std::vector<std::string>;

TEST_CASE("Reactor: a readable descriptor calls its reader's doRead") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll", "epoll");
    ManualClock clock;
    Reactor reactor({backend, &clock});
    SocketPair pair;
    RecordingHandler reader(pair.left);
    reactor.addReader(reader);
    reactor.callLater(1s, [] {});  // bounds the first wait
    reactor.runOnce();
    CHECK(reader.calls.empty());  // nothing written yet
    SocketPair::send(pair.right, "hi");
    reader.onRead = [&] { SocketPair::receive(pair.left); };
    reactor.runOnce();
    CHECK(reader.calls == Calls{"read"});
}

TEST_CASE("Reactor: a writer is called while writable, and not after removeWriter") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll", "epoll");
    ManualClock clock;
    Reactor reactor({backend, &clock});
    SocketPair pair;
    RecordingHandler writer(pair.left);
    writer.onWrite = [&] { reactor.removeWriter(writer); };
    reactor.addWriter(writer);
    reactor.runOnce();
    reactor.callLater(1s, [] {});  // something to wait for, so the next turn has a timeout
    reactor.runOnce();
    CHECK(writer.calls == Calls{"write"});
    CHECK(reactor.getWriters().empty());
}

TEST_CASE("Reactor: a handler that throws is disconnected with its exception and the loop goes on") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll", "epoll");
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({backend, &clock, &sink});
    SocketPair pair;
    RecordingHandler reader(pair.left, "Thrower");
    reader.onRead = [] { throw std::runtime_error("bad input"); };
    reactor.addReader(reader);
    SocketPair::send(pair.right, "x");
    reactor.runOnce();
    CHECK(reader.calls == Calls{"read", "lost"});
    CHECK(reader.lostReason.find("bad input") != std::string::npos);
    CHECK(reactor.getReaders().empty());
    CHECK(sink.ofKind("error_logged").size() == 1);
    CHECK(sink.ofKind("connection_lost").at(0)["handler"] == "Thrower");
}

TEST_CASE("Reactor: a descriptor closed while watched is disconnected, not a crash") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll");  // epoll never reports it (epoll_backend.h)
    ManualClock clock;
    Reactor reactor({backend, &clock});
    SocketPair pair;
    RecordingHandler reader(pair.left);
    reactor.addReader(reader);
    pair.closeLeft();  // the handler's fd is now invalid (POLLNVAL / EBADF)
    reactor.runOnce();
    CHECK(reader.calls == Calls{"lost"});
    CHECK(reactor.getReaders().empty());
}

// epoll hears of the close only when it has a change to hand the kernel (epoll_backend.h).
TEST_CASE("Reactor: on epoll, a descriptor closed with a change pending is disconnected at the wait") {
    ManualClock clock;
    Reactor reactor({"epoll", &clock});
    SocketPair pair;
    RecordingHandler handler(pair.left);
    reactor.addReader(handler);
    reactor.addWriter(handler);  // waits for the wait
    pair.closeLeft();
    reactor.runOnce();
    CHECK(handler.calls == Calls{"lost"});
    CHECK(reactor.getReaders().empty());
    CHECK(reactor.getWriters().empty());
}

TEST_CASE("Reactor: a peer that closes makes the reader readable, so it can read the end") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll", "epoll");
    ManualClock clock;
    Reactor reactor({backend, &clock});
    SocketPair pair;
    RecordingHandler reader(pair.left);
    std::string got = "unset";
    reader.onRead = [&] { got = SocketPair::receive(pair.left); };
    reactor.addReader(reader);
    pair.closeRight();
    reactor.runOnce();
    CHECK(reader.calls == Calls{"read"});
    CHECK(got.empty());  // read() returned 0: end of file
}

TEST_CASE("Reactor: a hang-up with no input left ends a reader cleanly (ConnectionDone)") {
    ScriptedBackend::Shared script;
    ManualClock clock;
    Reactor reactor(std::make_unique<ScriptedBackend>(script), {"", &clock});
    RecordingHandler reader(7);
    reactor.addReader(reader);
    script.script.push_back({Readiness{7, false, false, true}});
    reactor.runOnce();
    CHECK(reader.calls == Calls{"lost"});
    CHECK(reader.lostReason.find("ConnectionDone") != std::string::npos);
    CHECK(script.interest.empty());
}

TEST_CASE("Reactor: a hang-up on a writer that is not reading is a lost connection (ConnectionLost)") {
    ScriptedBackend::Shared script;
    ManualClock clock;
    Reactor reactor(std::make_unique<ScriptedBackend>(script), {"", &clock});
    RecordingHandler writer(7);
    reactor.addWriter(writer);
    script.script.push_back({Readiness{7, false, true, true}});
    reactor.runOnce();
    CHECK(writer.calls == Calls{"lost"});
    CHECK(writer.lostReason.find("ConnectionLost") != std::string::npos);
}

TEST_CASE("Reactor: a hang-up with input still pending reads the input first") {
    ScriptedBackend::Shared script;
    ManualClock clock;
    Reactor reactor(std::make_unique<ScriptedBackend>(script), {"", &clock});
    RecordingHandler reader(7);
    reactor.addReader(reader);
    script.script.push_back({Readiness{7, true, false, true}});
    reactor.runOnce();
    CHECK(reader.calls == Calls{"read"});
}

TEST_CASE("Reactor: ready handlers run in fd order, read before write") {
    ScriptedBackend::Shared script;
    ManualClock clock;
    Reactor reactor(std::make_unique<ScriptedBackend>(script), {"", &clock});
    Calls order;
    RecordingHandler a(4, "a");
    RecordingHandler b(9, "b");
    a.onRead = [&] { order.push_back("a read"); };
    a.onWrite = [&] { order.push_back("a write"); };
    b.onRead = [&] { order.push_back("b read"); };
    reactor.addReader(a);
    reactor.addWriter(a);
    reactor.addReader(b);
    script.script.push_back({Readiness{4, true, true, false}, Readiness{9, true, false, false}});
    reactor.runOnce();
    CHECK(order == Calls{"a read", "a write", "b read"});
}

TEST_CASE("Reactor: a handler removed by an earlier handler in the same turn is not called") {
    ScriptedBackend::Shared script;
    ManualClock clock;
    Reactor reactor(std::make_unique<ScriptedBackend>(script), {"", &clock});
    RecordingHandler first(4);
    RecordingHandler second(5);
    first.onRead = [&] { reactor.removeReader(second); };
    reactor.addReader(first);
    reactor.addReader(second);
    script.script.push_back({Readiness{4, true, false, false}, Readiness{5, true, false, false}});
    reactor.runOnce();
    CHECK(first.calls == Calls{"read"});
    CHECK(second.calls.empty());
}

TEST_CASE("Reactor: removing a handler that was never added does nothing") {
    ManualClock clock;
    Reactor reactor({"poll", &clock});
    SocketPair pair;
    RecordingHandler never(pair.left);
    CHECK_NOTHROW(reactor.removeReader(never));
    CHECK_NOTHROW(reactor.removeWriter(never));
    CHECK(reactor.getReaders().empty());
}

TEST_CASE("Reactor: a second handler for a watched fd is refused") {
    ManualClock clock;
    Reactor reactor({"poll", &clock});
    SocketPair pair;
    RecordingHandler first(pair.left, "First");
    RecordingHandler second(pair.left, "Second");
    reactor.addReader(first);
    CHECK_THROWS_WITH(reactor.addReader(second), Catch::Contains("already watched for First"));
    CHECK(reactor.getReaders() == std::vector<Handler*>{&first});
}

TEST_CASE("Reactor: removeAll returns every handler and leaves the backend watching nothing") {
    ScriptedBackend::Shared script;
    ManualClock clock;
    Reactor reactor(std::make_unique<ScriptedBackend>(script), {"", &clock});
    RecordingHandler a(4);
    RecordingHandler b(5);
    reactor.addReader(a);
    reactor.addWriter(b);
    auto removed = reactor.removeAll();
    CHECK(removed.size() == 2);
    CHECK(script.interest.empty());
    CHECK(reactor.getReaders().empty());
    CHECK(reactor.getWriters().empty());
}

TEST_CASE("Reactor: adding and removing handlers is traced with fd and handler") {
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"poll", &clock, &sink});
    SocketPair pair;
    RecordingHandler reader(pair.left, "Echo");
    reactor.addReader(reader);
    reactor.addReader(reader);  // already reading: no second event
    reactor.addWriter(reader);
    reactor.removeReader(reader);
    reactor.removeWriter(reader);
    CHECK(sink.kinds() == std::vector<std::string>{"reader_added", "writer_added", "reader_removed", "writer_removed"});
    CHECK(sink.events()[0]["fd"] == pair.left);
    CHECK(sink.events()[0]["handler"] == "Echo");
}
