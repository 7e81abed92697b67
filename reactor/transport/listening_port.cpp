// ListeningPort; see listening_port.h. doRead is the accept loop.
#include "transport/listening_port.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <iostream>

#include "transport/errors.h"
#include "transport/logical_ids.h"
#include "transport/socket_ops.h"

namespace lab {

namespace {
int openReserve() { return ::open("/dev/null", O_RDONLY | O_CLOEXEC); }
}  // namespace

ListeningPort::ListeningPort(Reactor& reactor, int port, std::shared_ptr<Factory> factory, const std::string& interface)
    : reactor_(reactor), factory_(std::move(factory)), fd_(sockets::createTcpSocket()), id_(nextPortId()) {
    if (!factory_) throw std::invalid_argument("listenTCP: the factory is null");
    try {
        sockets::bindAndListen(fd_, interface, port, kBacklog);
    } catch (...) {
        sockets::closeSocket(fd_);
        throw;
    }
    host_ = sockets::localAddress(fd_);
    reservedFd_ = openReserve();
}

ListeningPort::~ListeningPort() {
    stopListening();
    // Their owner is going away: nobody may call back into it.
    for (auto& [id, transport] : connections_) transport->setOnClosed(nullptr);
    connections_.clear();
    closed_.clear();
    if (reservedFd_ >= 0) ::close(reservedFd_);
}

void ListeningPort::startListening() {
    if (listening_ || fd_ < 0) return;
    reactor_.addReader(*this);
    listening_ = true;
    factory_->doStart();
    reactor_.tracer().emit(kind::portListening, {{"port", id_}, {"fd", fd_}, {"interface", host_.host}});
}

void ListeningPort::stopListening() {
    if (resume_ && resume_->active()) resume_->cancel();
    resume_.reset();
    if (fd_ < 0) return;
    reactor_.removeReader(*this);
    reactor_.tracer().emit(kind::portClosed, {{"port", id_}, {"fd", fd_}});
    sockets::closeSocket(fd_);
    fd_ = -1;
    if (listening_) factory_->doStop();
    listening_ = false;
}

void ListeningPort::connectionLost(std::exception_ptr) { stopListening(); }

std::vector<std::shared_ptr<TcpTransport>> ListeningPort::connections() const {
    std::vector<std::shared_ptr<TcpTransport>> live;
    for (const auto& entry : connections_) live.push_back(entry.second);
    return live;
}

// Accept up to numberAccepts_ clients, then adapt the allowance (Twisted's tcp.Port.doRead).
void ListeningPort::doRead() {
    releaseClosed();
    std::size_t limit = numberAccepts_;
    std::size_t accepted = 0;
    for (std::size_t attempt = 0; attempt < limit && listening_; ++attempt) {
        if (!acceptOne(accepted)) break;
    }
    numberAccepts_ = accepted == limit ? limit + 20 : std::max<std::size_t>(1, accepted);
    reactor_.tracer().emit(kind::connectionsAccepted, {{"port", id_}, {"accepted", accepted}, {"next_limit", numberAccepts_}});
}

// One accept(); false when the loop should stop for this turn.
bool ListeningPort::acceptOne(std::size_t& accepted) {
    Address peer;
    sockets::IoResult result = sockets::acceptOne(fd_, peer);
    if (result.wouldBlock) return false;  // the queue is empty
    switch (result.error) {
        case 0:
            ++accepted;
            serve(static_cast<int>(result.count), peer);
            return true;
        case EPERM:         // a firewall rule rejected this client after the handshake
        case ECONNABORTED:  // the client gave up while it waited in the queue
            return true;
        case EMFILE:
            if (reservedFd_ >= 0) {
                shedWithReserve();
            } else {
                pauseAccepting("EMFILE");
            }
            return false;
        case ENFILE:
        case ENOBUFS:
        case ENOMEM:
            pauseAccepting(sockets::errnoName(result.error));
            return false;
        default:
            reactor_.tracer().emit(kind::acceptFailed, {{"port", id_}, {"error", sockets::errnoName(result.error)},
                                                        {"action", "skipped this turn"}});
            return false;
    }
}

void ListeningPort::serve(int fd, const Address& peer) {
    std::shared_ptr<Protocol> protocol = factory_->buildProtocol(peer);
    if (!protocol) {  // the factory refused this client
        sockets::closeSocket(fd);
        return;
    }
    if (!protocol->factory) protocol->factory = factory_.get();
    std::uint64_t id = nextConnectionId();
    auto transport = std::make_shared<TcpTransport>(reactor_, fd, id, protocol, "server");
    transport->setOnClosed([this](TcpTransport& closed, std::exception_ptr) {
        auto it = connections_.find(closed.id());
        if (it == connections_.end()) return;
        closed_.push_back(std::move(it->second));
        connections_.erase(it);
    });
    connections_[id] = transport;
    try {
        transport->start();
    } catch (const FdOutOfRange& refused) {
        // select() cannot watch this descriptor; start() closed it. The client sees its
        // connection closed; everyone else goes on being served.
        // The trace alone would leave it silent with tracing off, so it is said on stderr too.
        connections_.erase(id);
        reactor_.tracer().emit(kind::acceptFailed, {{"port", id_}, {"fd", fd}, {"error", "fd_refused"},
                                                    {"action", "closed the accepted socket"}});
        reactor_.reportRefusal("closed a new client on port " + std::to_string(host_.port) + ": " + refused.what());
    } catch (...) {
        // connectionMade threw: that connection ends with the error; the port goes on accepting.
        std::string error = describeException(std::current_exception());
        std::cerr << "reactor-lab: unhandled error in connectionMade of connection " << id << ": " << error << "\n";
        reactor_.tracer().emit(kind::errorLogged, {{"source", "connectionMade"}, {"error", error}});
        try {
            transport->connectionLost(std::current_exception());
        } catch (...) {
        }
    }
}

// Out of descriptors (EMFILE): the clients in the queue would keep the socket readable and the
// loop spinning. Free the reserved descriptor, accept and close every waiting client (each
// sees its connection closed at once), then reserve again (Twisted's _reservedFD).
void ListeningPort::shedWithReserve() {
    ::close(reservedFd_);
    reservedFd_ = -1;
    std::size_t closed = 0;
    for (std::size_t attempt = 0; attempt < numberAccepts_; ++attempt) {
        Address peer;
        sockets::IoResult result = sockets::acceptOne(fd_, peer);
        if (!result.ok()) break;
        sockets::closeSocket(static_cast<int>(result.count));
        ++closed;
    }
    reservedFd_ = openReserve();
    reactor_.tracer().emit(kind::acceptFailed, {{"port", id_}, {"error", "EMFILE"}, {"closed", closed},
                                                {"action", "closed waiting clients with the reserved descriptor"}});
}

// A resource error the reserve cannot fix: stop watching the socket for a while instead of
// spinning on a readiness we cannot act on.
void ListeningPort::pauseAccepting(const std::string& error) {
    reactor_.removeReader(*this);
    reactor_.tracer().emit(kind::acceptFailed, {{"port", id_}, {"error", error}, {"closed", 0},
                                                {"action", "paused accepting"}});
    resume_ = reactor_.callLater(kAcceptPause, [this] {
        resume_.reset();
        if (listening_) reactor_.addReader(*this);
    });
}

void ListeningPort::releaseClosed() { closed_.clear(); }

}  // namespace lab
