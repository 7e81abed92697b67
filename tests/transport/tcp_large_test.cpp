// TcpTransport at scale, over real loopback sockets: a 64 MiB echo arrives intact, loseConnection
// after a big write still delivers every byte before the close, a reset in the middle of a big
// write ends the connection with ConnectionLost and the loop goes on, and poll serves 1,100
// connections at once. Bounded loop turns only: no sleeps, no timing.
#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "transport/tcp.h"
#include "support/run_until.h"
#include "support/recording_protocol.h"
#include "support/raw_client.h"

using namespace lab;
using namespace lab::test;

namespace {

// FNV-1a, 64-bit, kept running: 64 MiB can be checked without keeping a second copy of it.
struct Fnv1a {
    std::uint64_t value = 14695981039346656037ull;
    void add(std::string_view bytes) {
        for (unsigned char c : bytes) {
            value ^= c;
            value *= 1099511628211ull;
        }
    }
};

// `size` bytes from xorshift64: no short period, so a lost, repeated or reordered chunk changes
// the hash (a constant fill would hide all three).
std::string patternBytes(std::size_t size) {
    std::string bytes(size, '\0');
    std::uint64_t state = 0x9e3779b97f4a7c15ull;
    for (std::size_t at = 0; at < size; at += sizeof state) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        std::memcpy(bytes.data() + at, &state, std::min(sizeof state, size - at));
    }
    return bytes;
}

std::uint64_t hashOf(std::string_view bytes) {
    Fnv1a hash;
    hash.add(bytes);
    return hash.value;
}

// Hashes and counts what arrives instead of keeping it; optionally echoes it, or writes
// `toSend` (and then closes, with closeAfterWrite) as soon as it is connected.
struct Hashing : Protocol {
    Fnv1a hash;
    std::size_t count = 0;
    bool echo = false;
    const std::string* toSend = nullptr;  // not owned
    bool closeAfterWrite = false;
    int lostCalls = 0;
    std::string lostType;
    std::size_t countWhenLost = 0;

    void connectionMade() override {
        if (toSend) transport->write(*toSend);
        if (closeAfterWrite) transport->loseConnection();
    }
    void dataReceived(std::string_view data) override {
        hash.add(data);
        count += data.size();
        if (echo) transport->write(data);
    }
    void connectionLost(std::exception_ptr reason) override {
        ++lostCalls;
        lostType = reasonType(reason);
        countWhenLost = count;
    }
};

struct HashingFactory : ClientFactory {
    std::vector<std::shared_ptr<Hashing>> built;
    std::function<void(Hashing&)> configure;
    int failedCalls = 0;

    std::shared_ptr<Protocol> buildProtocol(const Address&) override {
        auto protocol = std::make_shared<Hashing>();
        if (configure) configure(*protocol);
        built.push_back(protocol);
        return protocol;
    }
    void clientConnectionFailed(Connector&, std::exception_ptr) override { ++failedCalls; }
};

// Raises the soft RLIMIT_NOFILE to `needed` for one test and puts it back afterwards. A hard
// limit below `needed` fails the test: skipping would hide that the machine cannot run it.
class OpenFileLimit {
public:
    explicit OpenFileLimit(rlim_t needed) {
        REQUIRE(::getrlimit(RLIMIT_NOFILE, &saved_) == 0);
        if (saved_.rlim_cur >= needed) return;  // RLIM_INFINITY is the largest value
        if (saved_.rlim_max < needed) {
            FAIL("this test needs " << needed << " open files, but the hard limit (RLIMIT_NOFILE) is "
                                    << saved_.rlim_max << ": raise it, e.g. `ulimit -Hn " << needed
                                    << "` as root or in /etc/security/limits.conf");
        }
        rlimit raised{needed, saved_.rlim_max};
        REQUIRE(::setrlimit(RLIMIT_NOFILE, &raised) == 0);
        changed_ = true;
    }
    ~OpenFileLimit() {
        if (changed_) ::setrlimit(RLIMIT_NOFILE, &saved_);
    }
    OpenFileLimit(const OpenFileLimit&) = delete;
    OpenFileLimit& operator=(const OpenFileLimit&) = delete;

private:
    rlimit saved_{};
    bool changed_ = false;
};

}  // namespace

TEST_CASE("TcpTransport: a 64 MiB write comes back intact through an echo server") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll");
    ManualClock clock;
    Reactor reactor({backend, &clock});
    const std::string payload = patternBytes(64u << 20);
    auto serverFactory = std::make_shared<HashingFactory>();
    serverFactory->configure = [](Hashing& p) { p.echo = true; };
    auto port = listenTCP(reactor, 0, serverFactory);
    auto clientFactory = std::make_shared<HashingFactory>();
    clientFactory->configure = [&payload](Hashing& p) { p.toSend = &payload; };
    auto connector = connectTCP(reactor, "127.0.0.1", port->getHost().port, clientFactory, std::nullopt);

    // At least one 64 KiB read per turn on each side: about a thousand turns; the bound is loose.
    REQUIRE(runUntil(reactor, [&] { return !clientFactory->built.empty() && clientFactory->built[0]->count >= payload.size(); },
                     100000));
    const std::uint64_t sent = hashOf(payload);
    Hashing& client = *clientFactory->built[0];
    Hashing& server = *serverFactory->built.at(0);
    CHECK(client.count == payload.size());
    CHECK(client.hash.value == sent);
    CHECK(server.count == payload.size());
    CHECK(server.hash.value == sent);
    CHECK(client.lostCalls == 0);
    CHECK(server.lostCalls == 0);
}

TEST_CASE("TcpTransport: loseConnection right after an 8 MiB write delivers every byte before the close") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll");
    ManualClock clock;
    Reactor reactor({backend, &clock});
    const std::string payload = patternBytes(8u << 20);
    auto serverFactory = std::make_shared<HashingFactory>();
    serverFactory->configure = [&payload](Hashing& p) {
        p.toSend = &payload;
        p.closeAfterWrite = true;
    };
    auto port = listenTCP(reactor, 0, serverFactory);
    auto clientFactory = std::make_shared<HashingFactory>();
    auto connector = connectTCP(reactor, "127.0.0.1", port->getHost().port, clientFactory, std::nullopt);

    REQUIRE(runUntil(reactor, [&] { return !clientFactory->built.empty() && clientFactory->built[0]->lostCalls > 0; }, 20000));
    Hashing& client = *clientFactory->built[0];
    CHECK(client.lostCalls == 1);
    CHECK(client.lostType == "lab::ConnectionDone");
    CHECK(client.countWhenLost == payload.size());  // the close came after the last byte
    CHECK(client.hash.value == hashOf(payload));
    REQUIRE(runUntil(reactor, [&] { return serverFactory->built.at(0)->lostCalls > 0; }));
    CHECK(serverFactory->built[0]->lostType == "lab::ConnectionDone");
}

TEST_CASE("TcpTransport: a peer that resets in the middle of a big write ends it with ConnectionLost, and the loop goes on") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll");
    ManualClock clock;
    Reactor reactor({backend, &clock});
    // More than loopback's socket buffers can hold, so most of it is still ours when the reset comes.
    const std::string payload = patternBytes(32u << 20);
    auto factory = std::make_shared<HashingFactory>();
    factory->configure = [&](Hashing& p) {
        if (factory->built.empty()) {
            p.toSend = &payload;
        } else {
            p.echo = true;
        }
    };
    auto port = listenTCP(reactor, 0, factory);
    {
        RawClient peer(port->getHost().port);  // never reads
        // Until the first send: after that the socket fills and nothing would wake the loop.
        REQUIRE(runUntil(reactor, [&] {
            return port->connectionCount() == 1 && port->connections()[0]->bufferedBytes() < payload.size();
        }));
        REQUIRE(port->connections()[0]->bufferedBytes() > 0);
        peer.resetOnClose();
    }
    REQUIRE(runUntil(reactor, [&] { return factory->built.at(0)->lostCalls > 0; }));
    CHECK(factory->built[0]->lostCalls == 1);
    CHECK(factory->built[0]->lostType == "lab::ConnectionLost");
    CHECK(port->connectionCount() == 0);

    RawClient next(port->getHost().port);
    ClientReader reader(reactor, next);
    next.send("still serving");
    REQUIRE(runUntil(reactor, [&] { return reader.got.size() >= 13; }));
    CHECK(reader.got == "still serving");
}

TEST_CASE("TcpTransport: poll serves 1,100 connections open at the same time") {
    constexpr std::size_t kConnections = 1100;
    // Both ends of every connection live in this process, plus stdio, the port and its spare fd.
    OpenFileLimit limit(2 * kConnections + 64);
    ManualClock clock;
    Reactor reactor({"poll", &clock});
    auto serverFactory = std::make_shared<RecordingFactory>();
    serverFactory->configure = [](Recording& p) { p.echo = true; };
    auto port = listenTCP(reactor, 0, serverFactory);

    std::vector<std::string> messages;
    auto clientFactory = std::make_shared<RecordingFactory>();
    clientFactory->configure = [&messages](Recording& p) {
        messages.push_back("message " + std::to_string(messages.size()));
        p.onMade = [message = messages.back()](Recording& self) { self.transport->write(message); };
    };
    auto echoed = [&] {
        std::size_t count = 0;
        for (std::size_t i = 0; i < clientFactory->built.size(); ++i) {
            if (clientFactory->built[i]->received.size() >= messages[i].size()) ++count;
        }
        return count;
    };

    // In batches below the listen backlog (50, Twisted's): a burst of 1,100 connects would overflow
    // the accept queue, and the kernel retries a dropped SYN only after a second.
    constexpr std::size_t kBatch = 40;
    std::vector<std::unique_ptr<Connector>> connectors;
    while (connectors.size() < kConnections) {
        for (std::size_t i = 0; i < kBatch && connectors.size() < kConnections; ++i) {
            connectors.push_back(connectTCP(reactor, "127.0.0.1", port->getHost().port, clientFactory, std::nullopt));
        }
        REQUIRE(runUntil(reactor, [&] { return port->connectionCount() == connectors.size(); }, 1000));
    }
    REQUIRE(runUntil(reactor, [&] { return echoed() == kConnections; }, 10000));
    CHECK(clientFactory->failedCalls == 0);
    CHECK(port->connectionCount() == kConnections);  // none closed: all were served at once
    for (std::size_t i = 0; i < kConnections; ++i) {
        CHECK(clientFactory->built[i]->received == messages[i]);
        CHECK(clientFactory->built[i]->lostCalls == 0);
    }
}
