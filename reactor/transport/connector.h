// Connector: one outgoing TCP connection attempt and, once it succeeds, its TcpTransport
// (Twisted's tcp.Connector + tcp.BaseClient's connect phase).
//
// connect() starts a non-blocking connect(2): the kernel does the handshake while the loop runs.
// The socket becomes writable when the handshake is over, successful or not; SO_ERROR tells
// which. On success the socket is handed to a new TcpTransport and the ClientFactory's protocol;
// on failure the factory hears clientConnectionFailed (refused, timed out, given up), never
// from inside connectTCP itself but from a later turn of the loop.
// A Handler only while connecting (as a writer). Owned by whoever called connectTCP: keep
// it alive as long as the connection should live. Tested in tests/transport/connector_test.cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/reactor.h"
#include "core/handler.h"
#include "protocol/factory.h"
#include "transport/tcp_transport.h"

namespace lab {

class Connector final : public Handler {
public:
    enum class State { disconnected, connecting, connected };

    // timeout: give up after this long (TimeoutError); nullopt waits as long as the kernel does.
    Connector(Reactor& reactor, std::string host, int port, std::shared_ptr<ClientFactory> factory,
              std::optional<Duration> timeout);
    ~Connector() override;
    Connector(const Connector&) = delete;
    Connector& operator=(const Connector&) = delete;

    // Start an attempt; also how a ClientFactory retries after a failure or a lost connection.
    void connect();
    // Give up the attempt in progress: clientConnectionFailed(UserError), now.
    void stopConnecting();
    // Stop connecting, or close the connection (loseConnection) if there is one.
    void disconnect();

    Address getDestination() const { return Address{host_, port_}; }
    State state() const { return state_; }
    // The connection, while connected; nullptr otherwise.
    TcpTransport* transport() const { return state_ == State::connected ? transport_.get() : nullptr; }

    int fileno() const override { return fd_; }
    void doWrite() override;
    void connectionLost(std::exception_ptr reason) override;
    std::string logPrefix() const override { return "Connector"; }

private:
    void finishConnect(int error);
    void fail(std::exception_ptr reason);
    void cancelTimer();

    Reactor& reactor_;
    std::string host_;
    int port_;
    std::shared_ptr<ClientFactory> factory_;
    std::optional<Duration> timeout_;
    State state_ = State::disconnected;
    int fd_ = -1;           // the socket while connecting; the transport owns it afterwards
    std::uint64_t id_ = 0;  // the connection's logical id, chosen when the attempt starts
    std::shared_ptr<DelayedCall> timer_;  // the timeout, or a failure to report next turn
    std::shared_ptr<TcpTransport> transport_;
    std::shared_ptr<TcpTransport> retired_;  // the connection before a retry (see connect())
};

}  // namespace lab
