// Peers that go away badly, over real loopback sockets, on poll and epoll: a peer that sends FIN
// but keeps reading (our side must close, or the connection stays half-open for ever), and a
// peer that closed completely while a half-close server keeps writing to it (EPIPE after the
// peer's RST must end the connection, not kill the process with SIGPIPE). A clean close, a
// reset, and a reset during a large write are in tests/transport/.
#include <catch2/catch.hpp>

#include <string>

#include "support/run_until.h"
#include "support/recording_protocol.h"
#include "support/raw_client.h"
#include "support/loopback_server.h"

using namespace lab;
using namespace lab::test;

TEST_CASE("Fault: a peer that half-closes (FIN, still reading) gets our close when we do not want half-close") {
    auto backend = GENERATE(as<std::string>{}, "poll", "epoll");
    LoopbackServer s(backend);
    RawClient client(s.portNumber());
    client.send("last request");
    REQUIRE(::shutdown(client.fd, SHUT_WR) == 0);
    REQUIRE(runUntil(s.reactor, [&] { return !s.factory->built.empty() && s.factory->built[0]->lostCalls > 0; }));
    Recording& server = *s.factory->built[0];
    CHECK(server.received == "last request");
    CHECK(server.lostCalls == 1);
    CHECK(server.lostType == "lab::ConnectionDone");
    CHECK_FALSE(server.readClosed);  // it does not want half-close: a whole close, not a half one
    CHECK(s.port->connectionCount() == 0);
    // The peer, still reading, learns that the connection is over instead of waiting for ever.
    bool ended = false;
    CHECK(readToEnd(s.reactor, client).empty());
    client.readAvailable(ended);
    CHECK(ended);
    // Nothing of the connection is left registered: end of input cannot wake the loop again.
    CHECK(s.reactor.getReaders().size() == 1);  // the listening s.port
    CHECK(s.reactor.getWriters().empty());
}

TEST_CASE("Fault: writing to a peer that closed completely ends the connection with ConnectionLost, not SIGPIPE") {
    auto backend = GENERATE(as<std::string>{}, "poll", "epoll");
    LoopbackServer s(backend);
    s.factory->configure = [](Recording& p) { p.halfClose = true; };
    {
        RawClient client(s.portNumber());
        REQUIRE(runUntil(s.reactor, [&] { return s.port->connectionCount() == 1; }));
    }  // closed: FIN now, and an RST for anything we send after
    Recording& server = *s.factory->built.at(0);
    REQUIRE(runUntil(s.reactor, [&] { return server.readClosed; }));
    CHECK(server.lostCalls == 0);  // half-close: only the read side ended
    // The first write is accepted by our kernel and answered by the peer's RST; a later one
    // fails with EPIPE or ECONNRESET. SIGPIPE's default action would end this test process here.
    int writes = 0;
    for (; writes < 100 && server.lostCalls == 0; ++writes) {
        server.transport->write(std::string(4096, 'w'));
        s.reactor.runOnce();
    }
    CHECK(server.lostCalls == 1);
    CHECK(server.lostType == "lab::ConnectionLost");
    CHECK(writes < 100);
    CHECK(s.port->connectionCount() == 0);
}
