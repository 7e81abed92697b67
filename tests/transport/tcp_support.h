// Helpers for the real-socket TCP tests: a loop driver with a bound, recording protocols and
// factories, and a plain blocking client socket to play the peer. Everything on 127.0.0.1.
#pragma once

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <arpa/inet.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/errors.h"
#include "core/reactor.h"
#include "core/handler.h"
#include "protocol/factory.h"
#include "transport/errors.h"
#include "transport/tcp.h"

namespace lab::test {

// Turn the loop until `done()` or `maxTurns` turns; the result of done(). No timers pending:
// each turn blocks until something is ready, so this needs no sleeps and no timing.
template <class Predicate>
bool runUntil(Reactor& reactor, Predicate done, int maxTurns = 200) {
    for (int turn = 0; turn < maxTurns && !done(); ++turn) reactor.runOnce();
    return done();
}

// "lab::ConnectionDone", "lab::ConnectionAborted", ...: the reason's type.
inline std::string reasonType(std::exception_ptr reason) {
    std::string text = describeException(reason);
    return text.substr(0, text.find(": "));
}

struct Recording : Protocol {
    std::string received;
    int lostCalls = 0;
    std::string lostType;
    std::string lostText;
    bool echo = false;
    bool halfClose = false;
    bool readClosed = false;
    std::function<void(Recording&)> onMade;
    std::function<void(Recording&, std::string_view)> onData;

    void connectionMade() override {
        if (onMade) onMade(*this);
    }
    void dataReceived(std::string_view data) override {
        received.append(data);
        if (echo) transport->write(data);
        if (onData) onData(*this, data);
    }
    void connectionLost(std::exception_ptr reason) override {
        ++lostCalls;
        lostType = reasonType(reason);
        lostText = describeException(reason);
    }
    bool wantsHalfClose() const override { return halfClose; }
    void readConnectionLost() override { readClosed = true; }
};

// Builds Recording protocols and keeps them, so tests can look at the server side.
struct RecordingFactory : ClientFactory {
    std::vector<std::shared_ptr<Recording>> built;
    std::function<void(Recording&)> configure;
    std::string failedType;
    std::string lostType;
    int failedCalls = 0;

    std::shared_ptr<Protocol> buildProtocol(const Address&) override {
        auto protocol = std::make_shared<Recording>();
        if (configure) configure(*protocol);
        built.push_back(protocol);
        return protocol;
    }
    void clientConnectionFailed(Connector&, std::exception_ptr reason) override {
        ++failedCalls;
        failedType = reasonType(reason);
    }
    void clientConnectionLost(Connector&, std::exception_ptr reason) override { lostType = reasonType(reason); }
};

// A blocking client socket connected to 127.0.0.1:port. connect() completes in the kernel's
// accept queue, before the server accepts.
struct RawClient {
    int fd = -1;
    explicit RawClient(int port) {
        fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            throw std::runtime_error("RawClient: connect failed");
        }
    }
    ~RawClient() { closeNow(); }
    RawClient(const RawClient&) = delete;
    RawClient& operator=(const RawClient&) = delete;

    void closeNow() {
        if (fd >= 0) ::close(fd);
        fd = -1;
    }
    void send(std::string_view text) const {
        if (::send(fd, text.data(), text.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(text.size())) {
            throw std::runtime_error("RawClient: short send");
        }
    }
    // What can be read without blocking; sets `ended` at end of input (or reset).
    std::string readAvailable(bool& ended) const {
        std::string got;
        char buffer[65536];
        for (;;) {
            ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
            if (n > 0) {
                got.append(buffer, static_cast<std::size_t>(n));
                continue;
            }
            if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) ended = true;
            return got;
        }
    }
    // Reset instead of FIN on close: SO_LINGER with a zero timeout.
    void resetOnClose() const {
        linger option{1, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, sizeof option);
    }
};

// Watches a RawClient from inside the loop, so a turn's wait also wakes up when the client has
// something to read: the test never has to guess whether to wait on the loop or on the client.
struct ClientReader : Handler {
    RawClient& client;
    Reactor& reactor;
    std::string got;
    bool ended = false;
    ClientReader(Reactor& r, RawClient& c) : client(c), reactor(r) { reactor.addReader(*this); }
    ~ClientReader() override { reactor.removeReader(*this); }
    int fileno() const override { return client.fd; }
    void doRead() override {
        got += client.readAvailable(ended);
        if (ended) reactor.removeReader(*this);
    }
    std::string logPrefix() const override { return "ClientReader"; }
};

// Turns the loop until the client reads end of input; what it read.
inline std::string readToEnd(Reactor& reactor, RawClient& client, int maxTurns = 2000) {
    ClientReader reader(reactor, client);
    runUntil(reactor, [&] { return reader.ended; }, maxTurns);
    return reader.got;
}

}  // namespace lab::test
