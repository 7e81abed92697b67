// Slow and silent clients cut by timeouts, with a LineReceiver protocol over real loopback
// sockets and a ManualClock (no sleeps: the loop jumps logical time to the next timer).
// Two deadlines, the way Twisted's policies.TimeoutMixin is used: an idle timeout that every
// byte resets cuts a peer that went silent, or vanished without FIN or RST (a half-open
// connection: only a timer can notice it); a line deadline, started by a line's first byte and
// not reset until the line is complete, cuts a peer that trickles a line a byte at a time
// (slowloris), which an idle timeout alone never would. The HTTP server's own slow-request
// timeout is tested in tests/http/.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "protocol/factory.h"
#include "protocol/line_receiver.h"
#include "support/run_until.h"
#include "support/raw_client.h"
#include "transport/tcp.h"

using namespace lab;
using namespace lab::test;
using namespace std::chrono_literals;

namespace {

struct GuardedLines : LineReceiver {
    Reactor* reactor = nullptr;  // not owned
    Duration idleTimeout = 2s;
    Duration lineTimeout = 5s;
    std::vector<std::string> lines;
    std::string cutBy;  // "idle" or "line" once a deadline closed the connection
    TimePoint cutAt{};
    int lostCalls = 0;
    TimePoint lastByte{};
    std::size_t bytesIn = 0;
    std::size_t bytesInLines = 0;  // bytes of complete lines, delimiters included
    std::shared_ptr<DelayedCall> idleCall;
    std::shared_ptr<DelayedCall> lineCall;

    void connectionMade() override {
        lastByte = reactor->now();
        idleCall = reactor->callLater(idleTimeout, [this] { cut("idle"); });
    }
    void dataReceived(std::string_view data) override {
        lastByte = reactor->now();
        bytesIn += data.size();
        if (idleCall && idleCall->active()) idleCall->reset(idleTimeout);
        LineReceiver::dataReceived(data);
        bool partialLine = bytesIn > bytesInLines;
        if (partialLine && !(lineCall && lineCall->active())) {
            lineCall = reactor->callLater(lineTimeout, [this] { cut("line"); });
        }
    }
    void lineReceived(std::string_view line) override {
        lines.emplace_back(line);
        bytesInLines += line.size() + delimiter.size();
        if (lineCall && lineCall->active()) lineCall->cancel();
    }
    void connectionLost(std::exception_ptr) override {
        ++lostCalls;
        for (auto* call : {&idleCall, &lineCall}) {
            if (*call && (*call)->active()) (*call)->cancel();
        }
    }
    void cut(const std::string& why) {
        if (!cutBy.empty()) return;
        cutBy = why;
        cutAt = reactor->now();
        transport->loseConnection();
    }
};

struct GuardedFactory : Factory {
    Reactor& reactor;
    std::vector<std::shared_ptr<GuardedLines>> built;
    explicit GuardedFactory(Reactor& r) : reactor(r) {}
    std::shared_ptr<Protocol> buildProtocol(const Address&) override {
        auto protocol = std::make_shared<GuardedLines>();
        protocol->reactor = &reactor;
        built.push_back(protocol);
        return protocol;
    }
};

}  // namespace

TEST_CASE("Fault: a silent peer (half-open: gone without FIN or RST) is cut by the idle timeout") {
    auto backend = GENERATE(as<std::string>{}, "poll", "epoll");
    ManualClock clock;
    Reactor reactor({backend, &clock});
    auto factory = std::make_shared<GuardedFactory>(reactor);
    auto port = listenTCP(reactor, 0, factory);
    RawClient client(port->getHost().port);
    client.send("hello\r\n");
    REQUIRE(runUntil(reactor, [&] { return !factory->built.empty() && factory->built[0]->lines.size() == 1; }));
    GuardedLines& server = *factory->built[0];
    TimePoint spoke = server.lastByte;
    // The client now says nothing, and never closes: nothing is ready, so the loop's only way
    // forward is the timer.
    REQUIRE(runUntil(reactor, [&] { return server.lostCalls == 1; }));
    CHECK(server.cutBy == "idle");
    CHECK(server.cutAt - spoke == server.idleTimeout);
    CHECK(server.lines == std::vector<std::string>{"hello"});
    CHECK(readToEnd(reactor, client).empty());  // the peer, were it there, would see the close
    CHECK(port->connectionCount() == 0);
}

TEST_CASE("Fault: a client that trickles a line a byte at a time (slowloris) is cut by the line deadline, never being idle") {
    auto backend = GENERATE(as<std::string>{}, "poll", "epoll");
    ManualClock clock;
    Reactor reactor({backend, &clock});
    auto factory = std::make_shared<GuardedFactory>(reactor);
    auto port = listenTCP(reactor, 0, factory);
    RawClient client(port->getHost().port);
    REQUIRE(runUntil(reactor, [&] { return factory->built.size() == 1; }));
    GuardedLines& server = *factory->built[0];
    TimePoint start = reactor.now();
    // One byte a second, half the idle timeout, so the idle timer alone would wait forever.
    // Time moves only by advance(): each turn finds the next byte ready, so the loop never
    // jumps ahead to a timer on its own.
    int sent = 0;
    for (; sent < 20 && server.cutBy.empty(); ++sent) {
        client.send("x");
        std::size_t want = static_cast<std::size_t>(sent + 1);
        REQUIRE(runUntil(reactor, [&] { return server.bytesIn == want || !server.cutBy.empty(); }));
        clock.advance(1s);
    }
    REQUIRE(runUntil(reactor, [&] { return server.lostCalls == 1; }));
    CHECK(server.cutBy == "line");
    CHECK(server.cutAt - start == server.lineTimeout);  // counted from the line's first byte
    CHECK(sent == 6);  // bytes at t = 0..4 s were read; the one sent at 5 s met the deadline
    CHECK(server.lines.empty());
    CHECK(readToEnd(reactor, client).empty());
}

TEST_CASE("Fault: a slow client that completes each line in time is never cut") {
    auto backend = GENERATE(as<std::string>{}, "poll", "epoll");
    ManualClock clock;
    Reactor reactor({backend, &clock});
    auto factory = std::make_shared<GuardedFactory>(reactor);
    auto port = listenTCP(reactor, 0, factory);
    RawClient client(port->getHost().port);
    REQUIRE(runUntil(reactor, [&] { return factory->built.size() == 1; }));
    GuardedLines& server = *factory->built[0];
    // Each line takes 3 s (under the 5 s line deadline), in bytes 1.5 s apart (under the 2 s
    // idle timeout): 12 s in all, longer than both.
    std::size_t sentBytes = 0;
    for (int line = 0; line < 4; ++line) {
        for (std::string_view part : {"ab", "c\r\n"}) {
            client.send(part);
            sentBytes += part.size();
            REQUIRE(runUntil(reactor, [&] { return server.bytesIn == sentBytes || server.lostCalls > 0; }));
            clock.advance(1500ms);
        }
    }
    reactor.runOnce();  // the timers due by now, if any, get their turn
    CHECK(server.lostCalls == 0);
    CHECK(server.cutBy.empty());
    CHECK(server.lines == std::vector<std::string>(4, "abc"));
}
