// ListeningPort: port 0, several accepts per readiness, EMFILE without a busy loop, and select()
// refusing a descriptor >= FD_SETSIZE while the port keeps serving.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/resource.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "trace/memory_sink.h"
#include "transport/tcp.h"
#include "support/run_until.h"
#include "support/recording_protocol.h"
#include "support/raw_client.h"
#include "support/fd_limit.h"
#include "support/handler_calls.h"
#include "support/loopback_server.h"

using namespace lab;
using namespace lab::test;
using namespace std::chrono_literals;

TEST_CASE("ListeningPort: port 0 listens on a port the kernel chose, and getHost tells it") {
    ManualClock clock;
    Reactor reactor({"poll", &clock});
    auto port = listenTCP(reactor, 0, std::make_shared<RecordingFactory>());
    CHECK(port->getHost().host == "127.0.0.1");
    CHECK(port->getHost().port > 0);
    CHECK_THROWS_AS(listenTCP(reactor, port->getHost().port, std::make_shared<RecordingFactory>()), CannotListenError);
}

TEST_CASE("ListeningPort: one readiness accepts every waiting client, and the allowance adapts") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll");
    LoopbackServer s(backend);
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < 5; ++i) clients.push_back(std::make_unique<RawClient>(s.portNumber()));
    s.reactor.runOnce();
    CHECK(s.port->connectionCount() == 5);
    auto accepted = s.sink.ofKind("connections_accepted");
    REQUIRE(accepted.size() == 1);
    CHECK(accepted[0]["accepted"] == 5);
    CHECK(s.port->numberAccepts() == 5);  // fewer than allowed: shrink to what came
}

TEST_CASE("ListeningPort: EMFILE closes the waiting clients with the reserved fd, without a busy loop, and recovers") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll");
    LoopbackServer s(backend);
    s.factory->configure = [](Recording& p) { p.echo = true; };
    RawClient served(s.portNumber());
    REQUIRE(runUntil(s.reactor, [&] { return s.port->connectionCount() == 1; }));

    auto shed = std::make_unique<RawClient>(s.portNumber());
    // While the limit is lowered, only record: no assertions. The sanitizers' runtime checks
    // memory through a pipe, and with no descriptor left it would report false errors.
    std::size_t connectionsAtLimit = 0;
    std::vector<TraceJson> failures;
    std::size_t callsBefore = 0;
    std::size_t callsAfter = 0;
    bool servedAtLimit = false;
    {
        FdLimit limit(static_cast<rlim_t>(lowestFreeFd()));  // the next accept has no descriptor
        s.reactor.runOnce();
        connectionsAtLimit = s.port->connectionCount();
        failures = s.sink.ofKind("accept_failed");
        // No busy loop: the queue is empty again, so the s.port is not woken while we wait.
        callsBefore = handlerCalls(s.sink, "ListeningPort");
        for (int i = 0; i < 3; ++i) {
            s.reactor.callLater(1s, [] {});
            s.reactor.runOnce();
        }
        callsAfter = handlerCalls(s.sink, "ListeningPort");
        // The existing connection is still served, even at the limit.
        ClientReader reader(s.reactor, served);
        served.send("still here");
        servedAtLimit = runUntil(s.reactor, [&] { return reader.got == "still here"; });
    }
    CHECK(connectionsAtLimit == 1);
    REQUIRE(failures.size() == 1);
    CHECK(failures[0]["error"] == "EMFILE");
    CHECK(failures[0]["closed"] == 1);
    CHECK(callsAfter == callsBefore);
    CHECK(servedAtLimit);
    CHECK(readToEnd(s.reactor, *shed).empty());  // that client was closed at once

    RawClient later(s.portNumber());  // the limit is back: serving again
    later.send("hi");
    ClientReader reader(s.reactor, later);
    REQUIRE(runUntil(s.reactor, [&] { return reader.got == "hi"; }));
}

TEST_CASE("ListeningPort: with select, an accepted fd >= FD_SETSIZE is closed and traced, and the port keeps serving") {
    rlimit limits{};
    ::getrlimit(RLIMIT_NOFILE, &limits);
    if (limits.rlim_max < FD_SETSIZE + 64) {
        WARN("skipped: the hard descriptor limit is below FD_SETSIZE + 64");
        return;
    }
    FdLimit raised(std::min<rlim_t>(limits.rlim_max, FD_SETSIZE + 256));
    LoopbackServer s("select");
    s.factory->configure = [](Recording& p) { p.echo = true; };

    // Fill every descriptor below FD_SETSIZE so the next accept returns one above it.
    std::vector<int> fillers;
    for (int fd = lowestFreeFd(); fd < FD_SETSIZE; fd = lowestFreeFd()) fillers.push_back(::open("/dev/null", O_RDONLY));
    auto refused = std::make_unique<RawClient>(s.portNumber());
    s.reactor.runOnce();
    CHECK(s.port->connectionCount() == 0);
    auto failures = s.sink.ofKind("accept_failed");
    REQUIRE(failures.size() == 1);
    CHECK(failures[0]["error"] == "fd_refused");
    CHECK(failures[0]["fd"].get<int>() >= FD_SETSIZE);
    CHECK(s.sink.ofKind("fd_refused").size() == 1);
    // Said on stderr too, with tracing off or on: what, the limit, the way out.
    std::string notice = s.notices.str();
    CHECK(notice.find("reactor-lab: closed a new client on port " + std::to_string(s.portNumber()) +
                      ": select() cannot watch fd " + std::to_string(failures[0]["fd"].get<int>())) == 0);
    CHECK(notice.find("(FD_SETSIZE); use --backend poll\n") != std::string::npos);
    CHECK(std::count(notice.begin(), notice.end(), '\n') == 1);
    bool ended = false;
    for (int i = 0; i < 1000 && !ended; ++i) refused->readAvailable(ended);
    CHECK(ended);
    for (int fd : fillers) ::close(fd);

    RawClient later(s.portNumber());
    later.send("hi");
    ClientReader reader(s.reactor, later);
    REQUIRE(runUntil(s.reactor, [&] { return reader.got == "hi"; }));
}
