// TcpTransport; see tcp_transport.h. Read doRead and doWrite first, then connectionLost: every
// way a connection can end arrives there.
#include "transport/tcp_transport.h"

#include <algorithm>
#include <array>
#include <utility>

#include "transport/errors.h"
#include "transport/socket_ops.h"

namespace lab {

namespace {
// Twisted's SEND_LIMIT: one send per writable turn, at most this much, so one fast connection
// cannot hold the loop while others wait.
constexpr std::size_t kSendLimit = 128 * 1024;
}  // namespace

TcpTransport::TcpTransport(Reactor& reactor, int fd, std::uint64_t id, std::shared_ptr<Protocol> protocol,
                           std::string side)
    : reactor_(reactor), fd_(fd), id_(id), protocol_(std::move(protocol)), side_(std::move(side)),
      peer_(sockets::peerAddress(fd)), host_(sockets::localAddress(fd)) {}

TcpTransport::~TcpTransport() {
    // Normally connectionLost has run and the socket is gone; an owner destroyed early (a port
    // destroyed with live connections) still must not leave the reactor watching freed memory.
    if (!lost_) {
        reactor_.removeReader(*this);
        reactor_.removeWriter(*this);
        sockets::closeSocket(fd_);
    }
}

void TcpTransport::start() {
    try {
        reactor_.addReader(*this);
    } catch (...) {
        // select() refuses descriptors >= FD_SETSIZE: this connection cannot be served.
        sockets::closeSocket(fd_);
        fd_ = -1;
        lost_ = true;
        throw;
    }
    connected_ = true;
    reactor_.tracer().emit(kind::connectionMade, {{"connection", id_}, {"fd", fd_}, {"side", side_}});
    protocol_->makeConnection(*this);
}

void TcpTransport::write(std::string_view data) {
    // After loseConnection the buffer still takes writes (they are flushed before the close), as
    // in Twisted; after an abort or our FIN there is nowhere for them to go.
    if (!connected_ || aborting_ || writeDisconnected_ || data.empty()) return;
    buffer_.append(data);
    if (reactor_.tracer().on()) {
        reactor_.tracer().emit(kind::bytesBuffered, {{"connection", id_}, {"bytes", data.size()}, {"buffered", bufferedBytes()}});
    }
    if (producer_ && !producerPaused_ && bufferedBytes() > kHighWaterMark) {
        producerPaused_ = true;
        reactor_.tracer().emit(kind::producerPaused, {{"connection", id_}, {"buffered", bufferedBytes()}});
        producer_->pauseProducing();
    }
    reactor_.addWriter(*this);  // no-op when already writing
}

void TcpTransport::doRead() {
    if (!connected_ || aborting_) return;
    // One buffer for all connections: a read is consumed by dataReceived before the next one.
    static thread_local std::array<char, kReadSize> chunk;
    sockets::IoResult result = sockets::readSome(fd_, chunk.data(), chunk.size());
    if (result.wouldBlock) return;  // woken, but another reader took the bytes: not an error
    if (result.error != 0) {
        connectionLost(std::make_exception_ptr(ConnectionLost("read failed: " + sockets::describeErrno(result.error))));
        return;
    }
    if (result.count == 0) {
        // End of input: the peer sent FIN (shutdown or close).
        if (protocol_->wantsHalfClose()) {
            readDisconnected_ = true;
            reactor_.removeReader(*this);
            reactor_.tracer().emit(kind::readClosed, {{"connection", id_}});
            protocol_->readConnectionLost();
            if (writeDisconnected_) connectionLost(std::make_exception_ptr(ConnectionDone("both directions are closed")));
            return;
        }
        connectionLost(std::make_exception_ptr(ConnectionDone("the peer closed the connection")));
        return;
    }
    // Per-message events check on() first: with tracing off the fields are not even built.
    if (reactor_.tracer().on()) reactor_.tracer().emit(kind::bytesRead, {{"connection", id_}, {"bytes", result.count}});
    // An exception from the protocol propagates to the reactor, which disconnects us with it
    // as the reason (Reactor::dispatch); that path also ends in connectionLost.
    protocol_->dataReceived(std::string_view(chunk.data(), static_cast<std::size_t>(result.count)));
}

void TcpTransport::doWrite() {
    if (!connected_ || aborting_) return;
    if (bufferedBytes() > 0) {
        sendBuffered();
        if (!connected_ || bufferedBytes() > 0) return;
    }
    bufferDrained();
}

void TcpTransport::sendBuffered() {
    std::size_t size = std::min(bufferedBytes(), kSendLimit);
    sockets::IoResult result = sockets::sendSome(fd_, buffer_.data() + sent_, size);
    if (result.wouldBlock) return;
    if (result.error != 0) {
        connectionLost(std::make_exception_ptr(ConnectionLost("send failed: " + sockets::describeErrno(result.error))));
        return;
    }
    sent_ += static_cast<std::size_t>(result.count);
    // Drop the sent prefix once it is most of the string, so appends do not grow it forever.
    if (sent_ == buffer_.size()) {
        buffer_.clear();
        sent_ = 0;
    } else if (sent_ > buffer_.size() / 2) {
        buffer_.erase(0, sent_);
        sent_ = 0;
    }
    if (reactor_.tracer().on()) {
        reactor_.tracer().emit(kind::bytesSent, {{"connection", id_}, {"bytes", result.count}, {"buffered", bufferedBytes()}});
    }
}

// The buffer is empty: stop asking for writability, wake the producer, finish a pending close.
void TcpTransport::bufferDrained() {
    reactor_.removeWriter(*this);
    if (producer_ && (!streamingProducer_ || producerPaused_)) {
        producerPaused_ = false;
        reactor_.tracer().emit(kind::producerResumed, {{"connection", id_}, {"buffered", bufferedBytes()}});
        producer_->resumeProducing();
        if (!connected_ || bufferedBytes() > 0) return;  // it wrote more: close after that
    }
    if (disconnecting_) {
        connectionLost(std::make_exception_ptr(ConnectionDone("this side closed the connection")));
    } else if (writeDisconnecting_) {
        closeWriteSide();
    }
}

void TcpTransport::closeWriteSide() {
    writeDisconnecting_ = false;
    writeDisconnected_ = true;
    sockets::shutdownWrite(fd_);
    reactor_.tracer().emit(kind::writeClosed, {{"connection", id_}});
    protocol_->writeConnectionLost();
    if (readDisconnected_) connectionLost(std::make_exception_ptr(ConnectionDone("both directions are closed")));
}

void TcpTransport::loseConnection() {
    if (!connected_ || aborting_ || disconnecting_) return;
    disconnecting_ = true;
    reactor_.tracer().emit(kind::loseConnection, {{"connection", id_}, {"buffered", bufferedBytes()}});
    reactor_.removeReader(*this);
    if (writeDisconnected_) {
        // Our FIN is already out: no writable turn will come to finish the close.
        connectionLost(std::make_exception_ptr(ConnectionDone("this side closed the connection")));
        return;
    }
    // Even with an empty buffer the close waits for a writable turn, as in Twisted: the
    // protocol's code that called us finishes first.
    reactor_.addWriter(*this);
}

void TcpTransport::loseWriteConnection() {
    if (!connected_ || aborting_ || writeDisconnecting_ || writeDisconnected_) return;
    writeDisconnecting_ = true;
    reactor_.addWriter(*this);
}

void TcpTransport::abortConnection() {
    if (!connected_ || aborting_) return;
    aborting_ = true;
    std::size_t dropped = bufferedBytes();
    buffer_.clear();
    sent_ = 0;
    reactor_.tracer().emit(kind::connectionAborted, {{"connection", id_}, {"dropped", dropped}});
    reactor_.removeReader(*this);
    reactor_.removeWriter(*this);
    // connectionLost comes on the next turn, as in Twisted, so the protocol code that called
    // abortConnection() never sees its own connectionLost re-entrantly.
    std::weak_ptr<TcpTransport> self = weak_from_this();
    reactor_.callLater(Duration::zero(), [self] {
        if (auto transport = self.lock()) {
            transport->connectionLost(std::make_exception_ptr(ConnectionAborted("abortConnection() was called")));
        }
    });
}

void TcpTransport::registerProducer(IProducer& producer, bool streaming) {
    if (producer_) throw std::logic_error("registerProducer: connection " + std::to_string(id_) + " already has a producer");
    producer_ = &producer;
    streamingProducer_ = streaming;
    producerPaused_ = false;
    // A pull producer writes only when asked: ask for the first piece now (as Twisted does).
    if (!streaming) producer.resumeProducing();
}

void TcpTransport::unregisterProducer() {
    producer_ = nullptr;
    producerPaused_ = false;
    // A close that waited for the producer can finish on the next writable turn.
    if (connected_ && disconnecting_) reactor_.addWriter(*this);
}

void TcpTransport::connectionLost(std::exception_ptr reason) {
    if (lost_) return;  // the reactor's path and ours may both arrive here: the first one wins
    lost_ = true;
    connected_ = false;
    reactor_.removeReader(*this);
    reactor_.removeWriter(*this);
    reactor_.tracer().emit(kind::connectionClosed, {{"connection", id_}, {"fd", fd_}, {"reason", describeException(reason)}});
    // An abort resets the connection, so the peer reads ConnectionLost, not a clean end (lesson 03).
    if (aborting_) sockets::resetSocket(fd_);
    else sockets::closeSocket(fd_);
    fd_ = -1;
    buffer_.clear();
    sent_ = 0;
    IProducer* producer = std::exchange(producer_, nullptr);
    try {
        if (producer) producer->stopProducing();
        protocol_->connected = false;
        protocol_->connectionLost(reason);
    } catch (...) {
        protocol_->transport = nullptr;
        if (onClosed_) onClosed_(*this, reason);
        throw;  // the reactor logs it (error_logged)
    }
    protocol_->transport = nullptr;  // this transport may be freed once the owner lets it go
    if (onClosed_) onClosed_(*this, reason);
}

}  // namespace lab
