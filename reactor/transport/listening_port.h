// ListeningPort: a listening TCP socket that accepts connections and gives each a Protocol from
// its Factory and a TcpTransport (Twisted's tcp.Port). A Handler: readable means "clients are
// waiting in the accept queue".
//
// One readiness accepts up to numberAccepts() clients, adapting as Twisted does: when the whole
// allowance was used there may be more waiting, so it grows by 20; otherwise it shrinks to what
// was accepted (at least 1). Running out of descriptors (EMFILE) must not turn into a busy loop
// (the queue stays readable): a reserved descriptor is released to accept and close the waiting
// clients, then taken again. Other resource errors (ENFILE, ENOBUFS, ENOMEM) pause accepting for
// kAcceptPause. A client whose descriptor the backend refuses (select, fd >= FD_SETSIZE) is
// closed, and the reactor says so on stderr (Reactor::reportRefusal). Existing connections are
// served throughout.
// Owns its server connections (shared_ptr) until they close. Taught in lessons/03-echo-server;
// tested in tests/transport/listening_port_test.cpp.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/reactor.h"
#include "core/handler.h"
#include "protocol/factory.h"
#include "transport/tcp_transport.h"

namespace lab {

class ListeningPort final : public Handler {
public:
    static constexpr int kBacklog = 50;  // Twisted's default
    static constexpr Duration kAcceptPause = std::chrono::milliseconds(100);

    // Binds and listens; throws CannotListenError. Port 0 asks the kernel for a free port.
    ListeningPort(Reactor& reactor, int port, std::shared_ptr<Factory> factory, const std::string& interface);
    // Stops listening and closes live connections without telling their protocols.
    ~ListeningPort() override;
    ListeningPort(const ListeningPort&) = delete;
    ListeningPort& operator=(const ListeningPort&) = delete;

    // Start accepting (called by listenTCP).
    void startListening();
    // Stop accepting and close the listening socket; live connections go on (as in Twisted).
    void stopListening();
    // The address actually bound: with port 0, getHost().port is the one the kernel chose.
    Address getHost() const { return host_; }

    int fileno() const override { return fd_; }
    void doRead() override;
    void connectionLost(std::exception_ptr reason) override;
    std::string logPrefix() const override { return "ListeningPort"; }

    std::uint64_t id() const { return id_; }
    std::size_t numberAccepts() const { return numberAccepts_; }
    std::size_t connectionCount() const { return connections_.size(); }
    // Live connections by id, oldest first (tests use this to reach the server side).
    std::vector<std::shared_ptr<TcpTransport>> connections() const;

private:
    bool acceptOne(std::size_t& accepted);
    void serve(int fd, const Address& peer);
    void shedWithReserve();
    void pauseAccepting(const std::string& error);
    void releaseClosed();

    Reactor& reactor_;
    std::shared_ptr<Factory> factory_;
    int fd_;
    std::uint64_t id_;
    Address host_;
    bool listening_ = false;
    std::size_t numberAccepts_ = 100;  // Twisted's starting allowance
    // A descriptor held in reserve (/dev/null), released only to get out of EMFILE.
    int reservedFd_ = -1;
    std::shared_ptr<DelayedCall> resume_;  // pending resume after pauseAccepting

    std::map<std::uint64_t, std::shared_ptr<TcpTransport>> connections_;  // live, by id
    // Closed transports wait here until the next accept or the destructor: each closed from
    // inside its own call stack, so it cannot be freed on the spot.
    std::vector<std::shared_ptr<TcpTransport>> closed_;
};

}  // namespace lab
