// TcpTransport over real loopback sockets, against both backends: echo, the ways a connection
// ends (and the reason each gives), half-close, writer interest.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "trace/memory_sink.h"
#include "transport/tcp.h"
#include "support/run_until.h"
#include "support/recording_protocol.h"
#include "support/raw_client.h"
#include "support/loopback_server.h"

using namespace lab;
using namespace lab::test;

namespace {
bool hasWriter(Reactor& reactor, Handler* handler) {
    auto writers = reactor.getWriters();
    return std::find(writers.begin(), writers.end(), handler) != writers.end();
}
}  // namespace

TEST_CASE("TcpTransport: an echo server sends back what a connectTCP client wrote") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll");
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({backend, &clock, &sink});
    auto serverFactory = std::make_shared<RecordingFactory>();
    serverFactory->configure = [](Recording& p) { p.echo = true; };
    auto port = listenTCP(reactor, 0, serverFactory);
    REQUIRE(port->getHost().port > 0);

    auto clientFactory = std::make_shared<RecordingFactory>();
    clientFactory->configure = [](Recording& p) { p.onMade = [](Recording& self) { self.transport->write("hello, echo"); }; };
    auto connector = connectTCP(reactor, "127.0.0.1", port->getHost().port, clientFactory, std::nullopt);
    REQUIRE(runUntil(reactor, [&] { return !clientFactory->built.empty() && clientFactory->built[0]->received.size() >= 11; }));
    CHECK(clientFactory->built[0]->received == "hello, echo");
    CHECK(serverFactory->built.at(0)->received == "hello, echo");
    CHECK(connector->state() == Connector::State::connected);
    CHECK(connector->transport()->getPeer().port == port->getHost().port);
    CHECK(sink.ofKind("connection_made").size() == 2);
    CHECK(sink.ofKind("bytes_read").size() >= 2);
}

TEST_CASE("TcpTransport: loseConnection flushes the buffer, including a write made after it, then closes") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll");
    LoopbackServer s(backend);
    s.factory->configure = [](Recording& p) {
        p.onMade = [](Recording& self) {
            self.transport->write(std::string(200000, 'a'));
            self.transport->loseConnection();
            self.transport->write("after");  // still sent, as in Twisted
        };
    };
    RawClient client(s.portNumber());
    std::string got = readToEnd(s.reactor, client);
    CHECK(got.size() == 200005);
    CHECK(got.ends_with("aafter"));
    REQUIRE(runUntil(s.reactor, [&] { return s.factory->built.at(0)->lostCalls == 1; }));
    CHECK(s.factory->built[0]->lostType == "lab::ConnectionDone");
}

TEST_CASE("TcpTransport: abortConnection drops the buffer and reports ConnectionAborted on the next turn") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll");
    LoopbackServer s(backend);
    s.factory->configure = [](Recording& p) {
        p.onMade = [](Recording& self) {
            self.transport->write("never sent");
            self.transport->abortConnection();
        };
    };
    RawClient client(s.portNumber());
    REQUIRE(runUntil(s.reactor, [&] { return !s.factory->built.empty(); }));
    CHECK(s.factory->built[0]->lostCalls == 0);  // not inside the call that aborted
    s.reactor.callLater(std::chrono::seconds(1), [] {});  // the turn's wait then only looks
    s.reactor.runOnce();
    CHECK(s.factory->built[0]->lostCalls == 1);
    CHECK(s.factory->built[0]->lostType == "lab::ConnectionAborted");
    CHECK(s.sink.ofKind("connection_aborted").at(0)["dropped"] == 10);
    CHECK(readToEnd(s.reactor, client).empty());
}

TEST_CASE("TcpTransport: abortConnection resets the connection, so the peer sees ConnectionLost, not a clean end") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll", "epoll");
    ManualClock clock;
    Reactor reactor({backend, &clock});
    auto serverFactory = std::make_shared<RecordingFactory>();
    serverFactory->configure = [](Recording& p) { p.onMade = [](Recording& self) { self.transport->abortConnection(); }; };
    auto port = listenTCP(reactor, 0, serverFactory);
    auto clientFactory = std::make_shared<RecordingFactory>();
    auto connector = connectTCP(reactor, "127.0.0.1", port->getHost().port, clientFactory, std::nullopt);
    REQUIRE(runUntil(reactor, [&] { return !clientFactory->built.empty() && clientFactory->built[0]->lostCalls == 1; }));
    CHECK(serverFactory->built.at(0)->lostType == "lab::ConnectionAborted");
    CHECK(clientFactory->built[0]->lostType == "lab::ConnectionLost");  // Twisted's too (lesson 03)
}

TEST_CASE("TcpTransport: a peer that closes cleanly ends the connection with ConnectionDone") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll");
    LoopbackServer s(backend);
    {
        RawClient client(s.portNumber());
        client.send("bye");
        REQUIRE(runUntil(s.reactor, [&] { return !s.factory->built.empty() && s.factory->built[0]->received == "bye"; }));
    }
    REQUIRE(runUntil(s.reactor, [&] { return s.factory->built[0]->lostCalls > 0; }));
    CHECK(s.factory->built[0]->lostCalls == 1);
    CHECK(s.factory->built[0]->lostType == "lab::ConnectionDone");
    CHECK(s.port->connectionCount() == 0);
}

TEST_CASE("TcpTransport: a peer that resets the connection ends it with ConnectionLost") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll");
    LoopbackServer s(backend);
    {
        RawClient client(s.portNumber());
        REQUIRE(runUntil(s.reactor, [&] { return !s.factory->built.empty(); }));
        client.resetOnClose();
    }
    REQUIRE(runUntil(s.reactor, [&] { return s.factory->built[0]->lostCalls > 0; }));
    CHECK(s.factory->built[0]->lostCalls == 1);
    CHECK(s.factory->built[0]->lostType == "lab::ConnectionLost");
}

TEST_CASE("TcpTransport: a protocol that throws is disconnected once, with its exception as the reason") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll");
    LoopbackServer s(backend);
    s.factory->configure = [](Recording& p) { p.onData = [](Recording&, std::string_view) { throw std::runtime_error("bad request"); }; };
    RawClient client(s.portNumber());
    client.send("x");
    REQUIRE(runUntil(s.reactor, [&] { return !s.factory->built.empty() && s.factory->built[0]->lostCalls > 0; }));
    CHECK(s.factory->built[0]->lostCalls == 1);
    CHECK(s.factory->built[0]->lostText.find("bad request") != std::string::npos);
    CHECK(s.sink.ofKind("connection_closed").size() == 1);
    CHECK(s.port->connectionCount() == 0);
    CHECK(readToEnd(s.reactor, client).empty());  // the client sees its connection closed
}

TEST_CASE("TcpTransport: a half-close protocol hears the peer's end of input and can still reply") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll");
    LoopbackServer s(backend);
    s.factory->configure = [](Recording& p) { p.halfClose = true; };
    RawClient client(s.portNumber());
    client.send("question");
    ::shutdown(client.fd, SHUT_WR);
    REQUIRE(runUntil(s.reactor, [&] { return !s.factory->built.empty() && s.factory->built[0]->readClosed; }));
    Recording& server = *s.factory->built[0];
    CHECK(server.received == "question");
    CHECK(server.lostCalls == 0);  // the write side is still open
    server.transport->write("answer");
    server.transport->loseConnection();
    CHECK(readToEnd(s.reactor, client) == "answer");
    REQUIRE(runUntil(s.reactor, [&] { return server.lostCalls == 1; }));
    CHECK(server.lostType == "lab::ConnectionDone");
}

TEST_CASE("TcpTransport: loseWriteConnection sends FIN and keeps reading") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll");
    LoopbackServer s(backend);
    s.factory->configure = [](Recording& p) {
        p.onMade = [](Recording& self) {
            self.transport->write("last words");
            self.transport->loseWriteConnection();
        };
    };
    RawClient client(s.portNumber());
    CHECK(readToEnd(s.reactor, client) == "last words");
    client.send("still listening?");
    REQUIRE(runUntil(s.reactor, [&] { return s.factory->built.at(0)->received == "still listening?"; }));
    CHECK(s.factory->built[0]->lostCalls == 0);
    CHECK(s.sink.ofKind("write_closed").size() == 1);
}

TEST_CASE("TcpTransport: writer interest is registered only while the buffer holds bytes") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll");
    LoopbackServer s(backend);
    RawClient client(s.portNumber());
    REQUIRE(runUntil(s.reactor, [&] { return s.port->connectionCount() == 1; }));
    auto transport = s.port->connections().at(0);
    CHECK_FALSE(hasWriter(s.reactor, transport.get()));
    transport->write("ping");
    CHECK(hasWriter(s.reactor, transport.get()));
    CHECK(transport->bufferedBytes() == 4);
    REQUIRE(runUntil(s.reactor, [&] { return transport->bufferedBytes() == 0; }));
    CHECK_FALSE(hasWriter(s.reactor, transport.get()));
    bool ended = false;
    CHECK(client.readAvailable(ended) == "ping");
}

TEST_CASE("TcpTransport: writes after the connection closed are ignored") {
    LoopbackServer s("poll");
    {
        RawClient client(s.portNumber());
        REQUIRE(runUntil(s.reactor, [&] { return s.port->connectionCount() == 1; }));
    }
    auto transport = s.port->connections().at(0);
    REQUIRE(runUntil(s.reactor, [&] { return !transport->connected(); }));
    transport->write("into the void");
    CHECK(transport->bufferedBytes() == 0);
    CHECK(s.reactor.getWriters().empty());
}
