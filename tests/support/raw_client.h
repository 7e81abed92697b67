// RawClient: a plain blocking client socket on 127.0.0.1 to play the peer of a server under test,
// and ClientReader/readToEnd to read it from inside the loop.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <arpa/inet.h>

#include <cerrno>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/handler.h"
#include "core/reactor.h"
#include "support/run_until.h"

namespace lab::test {

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
