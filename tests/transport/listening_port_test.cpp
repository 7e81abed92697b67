// ListeningPort: port 0, several accepts per readiness, EMFILE without a busy loop, and select()
// refusing a descriptor >= FD_SETSIZE while the port keeps serving.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/resource.h>

#include <memory>
#include <string>
#include <vector>

#include "trace/memory_sink.h"
#include "transport/tcp.h"
#include "tcp_support.h"

using namespace lab;
using namespace lab::test;
using namespace std::chrono_literals;

namespace {

// Lowers the soft descriptor limit for one test, restoring it after.
struct FdLimit {
    rlimit saved{};
    explicit FdLimit(rlim_t soft) {
        ::getrlimit(RLIMIT_NOFILE, &saved);
        rlimit lowered = saved;
        lowered.rlim_cur = soft;
        ::setrlimit(RLIMIT_NOFILE, &lowered);
    }
    ~FdLimit() { ::setrlimit(RLIMIT_NOFILE, &saved); }
};

int lowestFreeFd() {
    int fd = ::open("/dev/null", O_RDONLY);
    ::close(fd);
    return fd;
}

std::size_t portCalls(const MemorySink& sink) {
    std::size_t calls = 0;
    for (const auto& event : sink.ofKind("handler_called")) calls += event["handler"] == "ListeningPort" ? 1 : 0;
    return calls;
}

}  // namespace

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
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({backend, &clock, &sink});
    auto factory = std::make_shared<RecordingFactory>();
    auto port = listenTCP(reactor, 0, factory);
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < 5; ++i) clients.push_back(std::make_unique<RawClient>(port->getHost().port));
    reactor.runOnce();
    CHECK(port->connectionCount() == 5);
    auto accepted = sink.ofKind("connections_accepted");
    REQUIRE(accepted.size() == 1);
    CHECK(accepted[0]["accepted"] == 5);
    CHECK(port->numberAccepts() == 5);  // fewer than allowed: shrink to what came
}

TEST_CASE("ListeningPort: EMFILE closes the waiting clients with the reserved fd, without a busy loop, and recovers") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll");
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({backend, &clock, &sink});
    auto factory = std::make_shared<RecordingFactory>();
    factory->configure = [](Recording& p) { p.echo = true; };
    auto port = listenTCP(reactor, 0, factory);
    RawClient served(port->getHost().port);
    REQUIRE(runUntil(reactor, [&] { return port->connectionCount() == 1; }));

    auto shed = std::make_unique<RawClient>(port->getHost().port);
    // While the limit is lowered, only record: no assertions. The sanitizers' runtime checks
    // memory through a pipe, and with no descriptor left it would report false errors.
    std::size_t connectionsAtLimit = 0;
    std::vector<TraceJson> failures;
    std::size_t callsBefore = 0;
    std::size_t callsAfter = 0;
    bool servedAtLimit = false;
    {
        FdLimit limit(static_cast<rlim_t>(lowestFreeFd()));  // the next accept has no descriptor
        reactor.runOnce();
        connectionsAtLimit = port->connectionCount();
        failures = sink.ofKind("accept_failed");
        // No busy loop: the queue is empty again, so the port is not woken while we wait.
        callsBefore = portCalls(sink);
        for (int i = 0; i < 3; ++i) {
            reactor.callLater(1s, [] {});
            reactor.runOnce();
        }
        callsAfter = portCalls(sink);
        // The existing connection is still served, even at the limit.
        ClientReader reader(reactor, served);
        served.send("still here");
        servedAtLimit = runUntil(reactor, [&] { return reader.got == "still here"; });
    }
    CHECK(connectionsAtLimit == 1);
    REQUIRE(failures.size() == 1);
    CHECK(failures[0]["error"] == "EMFILE");
    CHECK(failures[0]["closed"] == 1);
    CHECK(callsAfter == callsBefore);
    CHECK(servedAtLimit);
    CHECK(readToEnd(reactor, *shed).empty());  // that client was closed at once

    RawClient later(port->getHost().port);  // the limit is back: serving again
    later.send("hi");
    ClientReader reader(reactor, later);
    REQUIRE(runUntil(reactor, [&] { return reader.got == "hi"; }));
}

TEST_CASE("ListeningPort: with select, an accepted fd >= FD_SETSIZE is closed and traced, and the port keeps serving") {
    rlimit limits{};
    ::getrlimit(RLIMIT_NOFILE, &limits);
    if (limits.rlim_max < FD_SETSIZE + 64) {
        WARN("skipped: the hard descriptor limit is below FD_SETSIZE + 64");
        return;
    }
    FdLimit raised(std::min<rlim_t>(limits.rlim_max, FD_SETSIZE + 256));
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"select", &clock, &sink});
    auto factory = std::make_shared<RecordingFactory>();
    factory->configure = [](Recording& p) { p.echo = true; };
    auto port = listenTCP(reactor, 0, factory);

    // Fill every descriptor below FD_SETSIZE so the next accept returns one above it.
    std::vector<int> fillers;
    for (int fd = lowestFreeFd(); fd < FD_SETSIZE; fd = lowestFreeFd()) fillers.push_back(::open("/dev/null", O_RDONLY));
    auto refused = std::make_unique<RawClient>(port->getHost().port);
    reactor.runOnce();
    CHECK(port->connectionCount() == 0);
    auto failures = sink.ofKind("accept_failed");
    REQUIRE(failures.size() == 1);
    CHECK(failures[0]["error"] == "fd_refused");
    CHECK(failures[0]["fd"].get<int>() >= FD_SETSIZE);
    CHECK(sink.ofKind("fd_refused").size() == 1);
    bool ended = false;
    for (int i = 0; i < 1000 && !ended; ++i) refused->readAvailable(ended);
    CHECK(ended);
    for (int fd : fillers) ::close(fd);

    RawClient later(port->getHost().port);
    later.send("hi");
    ClientReader reader(reactor, later);
    REQUIRE(runUntil(reactor, [&] { return reader.got == "hi"; }));
}
