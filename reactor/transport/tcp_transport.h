// TcpTransport: one connected TCP socket, its write buffer and its Protocol (Twisted's
// abstract.FileDescriptor + tcp.Connection). A Handler: the reactor calls doRead when bytes
// (or the end of input) arrive and doWrite when the socket can take more.
//
// Invariants:
//   - writer interest is registered exactly while the buffer is non-empty, or while a close is
//     waiting for the buffer to drain (loseConnection / loseWriteConnection);
//   - connectionLost runs once, whoever starts it: this transport (end of input, an error,
//     loseConnection, abortConnection) or the reactor (a handler threw, the fd hung up). Both
//     paths end in TcpTransport::connectionLost, which closes the socket and tells the protocol.
// Owned by a ListeningPort or a Connector through a shared_ptr; it tells its owner when it has
// closed so the owner can let it go. Taught in lessons/03-echo-server; tested in
// tests/transport/tcp_transport_test.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/reactor.h"
#include "core/handler.h"
#include "protocol/protocol.h"
#include "interfaces/transport.h"

namespace lab {

class TcpTransport final : public Handler, public ITransport, public std::enable_shared_from_this<TcpTransport> {
public:
    // Twisted's FileDescriptor.bufferSize: above this many buffered bytes a producer is paused.
    static constexpr std::size_t kHighWaterMark = 64 * 1024;
    // Bytes read per doRead, as Twisted's (one read per readiness keeps the loop fair).
    static constexpr std::size_t kReadSize = 64 * 1024;

    // Takes ownership of the connected socket `fd`; call start() to begin.
    TcpTransport(Reactor& reactor, int fd, std::uint64_t id, std::shared_ptr<Protocol> protocol, std::string side);
    ~TcpTransport() override;

    // Trace connection_made, start reading and call protocol->makeConnection. Throws (and closes
    // nothing) when the backend refuses the fd; the caller owns the socket again then.
    void start();
    // Called once after connectionLost, for the owner to release this transport.
    void setOnClosed(std::function<void(TcpTransport&, std::exception_ptr)> onClosed) { onClosed_ = std::move(onClosed); }

    // ITransport
    void write(std::string_view data) override;
    void loseConnection() override;
    void abortConnection() override;
    void loseWriteConnection() override;
    bool disconnecting() const override { return disconnecting_; }
    Address getPeer() const override { return peer_; }
    Address getHost() const override { return host_; }
    void registerProducer(IProducer& producer, bool streaming) override;
    void unregisterProducer() override;

    // Handler
    int fileno() const override { return fd_; }
    void doRead() override;
    void doWrite() override;
    void connectionLost(std::exception_ptr reason) override;
    std::string logPrefix() const override { return "TcpTransport"; }

    std::uint64_t id() const { return id_; }
    bool connected() const { return connected_; }
    std::size_t bufferedBytes() const { return buffer_.size() - sent_; }
    Protocol& protocol() { return *protocol_; }
    bool producerPaused() const { return producerPaused_; }

private:
    void sendBuffered();
    void bufferDrained();
    void closeWriteSide();

    Reactor& reactor_;
    int fd_;                            // -1 once closed
    std::uint64_t id_;                  // "connection" in traces
    std::shared_ptr<Protocol> protocol_;
    std::string side_;                  // "server" or "client", for the trace
    Address peer_;
    Address host_;
    std::function<void(TcpTransport&, std::exception_ptr)> onClosed_;

    std::string buffer_;    // bytes written and not yet sent start at buffer_[sent_]
    std::size_t sent_ = 0;  // consumed prefix, dropped when the buffer empties or grows large

    bool connected_ = false;
    bool disconnecting_ = false;       // loseConnection: close once the buffer is empty
    bool writeDisconnecting_ = false;  // loseWriteConnection: shut down output once drained
    bool writeDisconnected_ = false;   // our FIN is sent: writes are ignored
    bool readDisconnected_ = false;    // the peer's FIN arrived (half-close protocols only)
    bool aborting_ = false;            // abortConnection: connectionLost is scheduled
    bool lost_ = false;                // connectionLost has run

    IProducer* producer_ = nullptr;  // not owned
    bool streamingProducer_ = false;
    bool producerPaused_ = false;
};

}  // namespace lab
