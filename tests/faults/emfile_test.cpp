// EMFILE: the process is out of descriptors while clients keep arriving. The listening port must
// shed each arrival (accept it with its reserved descriptor and close it at once) without
// spinning on a backlog it cannot drain, keep serving the connections it has, and accept again
// as soon as descriptors are freed, with the limit still lowered. The case where the limit is
// raised back is in tests/transport/listening_port_test.cpp.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/resource.h>

#include <memory>
#include <string>
#include <vector>

#include "trace/memory_sink.h"
#include "support/run_until.h"
#include "support/recording_protocol.h"
#include "support/raw_client.h"
#include "support/fd_limit.h"
#include "support/handler_calls.h"
#include "support/loopback_server.h"

using namespace lab;
using namespace lab::test;
using namespace std::chrono_literals;

namespace {

// A client socket made before the limit is lowered, connected later: connect() needs no new
// descriptor, so arrivals can be made one at a time while the process has none left.
struct LateClient {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ~LateClient() { ::close(fd); }
    bool connectTo(int port) const {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    }
};

}  // namespace

TEST_CASE("Fault: at EMFILE each arrival is shed with one accept attempt, idle turns never wake the port, and freed descriptors are used again") {
    auto backend = GENERATE(as<std::string>{}, "poll", "epoll");
    LoopbackServer s(backend);
    s.factory->configure = [](Recording& p) { p.echo = true; };
    auto leaving = std::make_unique<RawClient>(s.portNumber());
    RawClient staying(s.portNumber());
    REQUIRE(runUntil(s.reactor, [&] { return s.port->connectionCount() == 2; }));
    constexpr int kShed = 5;
    std::vector<std::unique_ptr<LateClient>> late;
    for (int i = 0; i < kShed + 1; ++i) late.push_back(std::make_unique<LateClient>());

    rlimit saved{};
    REQUIRE(::getrlimit(RLIMIT_NOFILE, &saved) == 0);
    rlimit lowered = saved;
    lowered.rlim_cur = static_cast<rlim_t>(lowestFreeFd());
    // While the limit is lowered, only record: no assertions (the sanitizers' runtime may need a
    // descriptor to report one, as tests/transport/listening_port_test.cpp explains).
    bool allConnected = true;
    std::vector<std::size_t> callsPerArrival;
    std::size_t idleCalls = 0;
    std::size_t connectionsAtLimit = 0;
    std::string stayingEcho;
    bool servedAfterFree = false;
    REQUIRE(::setrlimit(RLIMIT_NOFILE, &lowered) == 0);
    {
        for (int i = 0; i < kShed; ++i) {
            std::size_t before = handlerCalls(s.sink, "ListeningPort");
            allConnected = late[i]->connectTo(s.portNumber()) && allConnected;
            s.reactor.callLater(1s, [] {});  // each turn may look, then logical time moves on
            s.reactor.runOnce();
            callsPerArrival.push_back(handlerCalls(s.sink, "ListeningPort") - before);
        }
        // Nothing arrives now. A s.port that left its backlog full (level-triggered) would be
        // woken on every one of these turns.
        std::size_t before = handlerCalls(s.sink, "ListeningPort");
        for (int i = 0; i < 10; ++i) {
            s.reactor.callLater(1s, [] {});
            s.reactor.runOnce();
        }
        idleCalls = handlerCalls(s.sink, "ListeningPort") - before;
        connectionsAtLimit = s.port->connectionCount();
        {
            ClientReader reader(s.reactor, staying);
            staying.send("still served");
            runUntil(s.reactor, [&] { return reader.got == "still served"; });
            stayingEcho = reader.got;
        }
        // Free descriptors without raising the limit: one client leaves, and the server closes
        // its side when it reads the end.
        leaving.reset();
        runUntil(s.reactor, [&] { return s.port->connectionCount() == 1; });
        LateClient& next = *late[kShed];
        if (next.connectTo(s.portNumber())) {
            runUntil(s.reactor, [&] { return s.port->connectionCount() == 2; });
            ::send(next.fd, "back", 4, MSG_NOSIGNAL);
            servedAfterFree = runUntil(s.reactor, [&] { return s.factory->built.back()->received == "back"; });
        }
    }
    ::setrlimit(RLIMIT_NOFILE, &saved);

    CHECK(allConnected);
    CHECK(callsPerArrival == std::vector<std::size_t>(kShed, 1));  // one wake, one attempt each
    auto failures = s.sink.ofKind("accept_failed");
    REQUIRE(failures.size() == static_cast<std::size_t>(kShed));
    for (const auto& failure : failures) {
        CHECK(failure["error"] == "EMFILE");
        CHECK(failure["closed"] == 1);
    }
    CHECK(idleCalls == 0);
    CHECK(connectionsAtLimit == 2);
    CHECK(stayingEcho == "still served");
    CHECK(servedAfterFree);
    CHECK(s.factory->built.size() == 3);  // the two first clients and the one after the free
    for (int i = 0; i < kShed; ++i) {  // shed: closed by the server at once (FIN or RST)
        char byte = 0;
        ssize_t n = ::recv(late[i]->fd, &byte, 1, MSG_DONTWAIT);
        CHECK((n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)));
    }
}
