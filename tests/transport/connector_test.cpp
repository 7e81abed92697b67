// Connector: refused, timed out, and a connection's end reported to the ClientFactory.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>

#include <string>

#include "trace/memory_sink.h"
#include "transport/tcp.h"
#include "support/run_until.h"
#include "support/recording_protocol.h"
#include "support/raw_client.h"
#include "support/closed_port.h"

using namespace lab;
using namespace lab::test;
using namespace std::chrono_literals;

TEST_CASE("Connector: a refused connection reaches clientConnectionFailed as ConnectionRefusedError") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll");
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({backend, &clock, &sink});
    ClosedPort closed;
    auto factory = std::make_shared<RecordingFactory>();
    auto connector = connectTCP(reactor, "127.0.0.1", closed.port, factory, std::nullopt);
    CHECK(factory->failedCalls == 0);  // never from inside connectTCP
    REQUIRE(runUntil(reactor, [&] { return factory->failedCalls > 0; }));
    CHECK(factory->failedCalls == 1);
    CHECK(factory->failedType == "lab::ConnectionRefusedError");
    CHECK(factory->built.empty());
    CHECK(connector->state() == Connector::State::disconnected);
    CHECK(sink.ofKind("connect_failed").size() == 1);
    CHECK(reactor.getWriters().empty());
}

TEST_CASE("Connector: stopConnecting gives up with UserError") {
    ManualClock clock;
    Reactor reactor({"poll", &clock});
    ClosedPort closed;
    auto factory = std::make_shared<RecordingFactory>();
    auto connector = connectTCP(reactor, "127.0.0.1", closed.port, factory, std::nullopt);
    connector->stopConnecting();
    CHECK(factory->failedType == "lab::UserError");
    for (int i = 0; i < 3; ++i) {
        reactor.callLater(1s, [] {});
        reactor.runOnce();
    }
    CHECK(factory->failedCalls == 1);  // the refusal that may follow is not reported twice
}

TEST_CASE("Connector: clientConnectionLost hears how a connection ended") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll");
    ManualClock clock;
    Reactor reactor({backend, &clock});
    auto serverFactory = std::make_shared<RecordingFactory>();
    serverFactory->configure = [](Recording& p) { p.onMade = [](Recording& self) { self.transport->loseConnection(); }; };
    auto port = listenTCP(reactor, 0, serverFactory);
    auto factory = std::make_shared<RecordingFactory>();
    auto connector = connectTCP(reactor, "127.0.0.1", port->getHost().port, factory, std::nullopt);
    REQUIRE(runUntil(reactor, [&] { return !factory->lostType.empty(); }));
    CHECK(factory->lostType == "lab::ConnectionDone");
    CHECK(factory->built.at(0)->lostCalls == 1);
    CHECK(connector->state() == Connector::State::disconnected);
}

TEST_CASE("Connector: an attempt that gets no answer fails with TimeoutError") {
    ManualClock clock;
    Reactor reactor({"poll", &clock});
    // A listener with a full accept queue drops further handshakes: the attempt hangs.
    int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
    ::listen(listener, 0);
    int port = ntohs(address.sin_port);
    RawClient first(port);
    auto factory = std::make_shared<RecordingFactory>();
    auto connector = connectTCP(reactor, "127.0.0.1", port, factory, 5s);
    REQUIRE(runUntil(reactor, [&] { return factory->failedCalls > 0 || !factory->built.empty(); }));
    CHECK(factory->failedType == "lab::TimeoutError");
    CHECK(clock.now().time_since_epoch() >= 5s);
    ::close(listener);
}
