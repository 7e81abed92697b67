// Connector; see connector.h.
#include "transport/connector.h"

#include <cerrno>
#include <utility>

#include "transport/errors.h"
#include "transport/logical_ids.h"
#include "transport/socket_ops.h"

namespace lab {

namespace {
std::exception_ptr connectError(int error) {
    std::string why = "connect failed: " + sockets::describeErrno(error);
    if (error == ECONNREFUSED) return std::make_exception_ptr(ConnectionRefusedError(why));
    if (error == ETIMEDOUT) return std::make_exception_ptr(TimeoutError(why));
    return std::make_exception_ptr(ConnectError(why));
}
}  // namespace

Connector::Connector(Reactor& reactor, std::string host, int port, std::shared_ptr<ClientFactory> factory,
                     std::optional<Duration> timeout)
    : reactor_(reactor), host_(std::move(host)), port_(port), factory_(std::move(factory)), timeout_(timeout) {
    if (!factory_) throw std::invalid_argument("connectTCP: the factory is null");
}

Connector::~Connector() {
    cancelTimer();
    if (fd_ >= 0) {
        reactor_.removeWriter(*this);
        sockets::closeSocket(fd_);
    }
    if (transport_) transport_->setOnClosed(nullptr);  // its destructor closes it if still open
    if (retired_) retired_->setOnClosed(nullptr);
}

void Connector::connect() {
    if (state_ != State::disconnected) throw std::logic_error("connect(): this connector is already connecting or connected");
    // A previous connection may be retrying from inside its own connectionLost: keep it alive
    // one more round instead of freeing it under its own feet.
    retired_ = std::move(transport_);
    id_ = nextConnectionId();
    fd_ = sockets::createTcpSocket();
    state_ = State::connecting;
    factory_->doStart();
    reactor_.tracer().emit(kind::connectStarted, {{"connection", id_}, {"fd", fd_}, {"host", host_}});
    factory_->startedConnecting(*this);
    int error = sockets::startConnect(fd_, host_, port_);
    if (error != 0 && error != EINPROGRESS) {
        // Failed at once (say, nothing listens on a local port): still report it on a later
        // turn, so clientConnectionFailed never runs inside connectTCP (as in Twisted).
        std::exception_ptr reason = connectError(error);
        timer_ = reactor_.callLater(Duration::zero(), [this, reason] { fail(reason); });
        return;
    }
    // Done (0) or under way (EINPROGRESS): both end with the socket writable.
    reactor_.addWriter(*this);
    if (timeout_) {
        timer_ = reactor_.callLater(*timeout_, [this] {
            fail(std::make_exception_ptr(TimeoutError("no connection within connectTCP's timeout")));
        });
    }
}

void Connector::stopConnecting() {
    if (state_ != State::connecting) throw std::logic_error("stopConnecting(): this connector is not connecting");
    fail(std::make_exception_ptr(UserError("stopConnecting() was called")));
}

void Connector::disconnect() {
    if (state_ == State::connecting) stopConnecting();
    else if (state_ == State::connected && transport_) transport_->loseConnection();
}

// Writable: the handshake is over; SO_ERROR says how it went.
void Connector::doWrite() { finishConnect(sockets::pendingError(fd_)); }

// The reactor's path: poll() reports a refused connect as a hang-up (POLLHUP/POLLERR), not as
// writable, so the reactor disconnects us instead of calling doWrite. Same question, same answer.
void Connector::connectionLost(std::exception_ptr reason) {
    if (state_ != State::connecting || fd_ < 0) return;
    int error = sockets::pendingError(fd_);
    if (error == 0) {
        fail(reason);
    } else {
        finishConnect(error);
    }
}

void Connector::finishConnect(int error) {
    if (error != 0) {
        fail(connectError(error));
        return;
    }
    cancelTimer();
    reactor_.removeWriter(*this);
    std::shared_ptr<Protocol> protocol = factory_->buildProtocol(getDestination());
    if (!protocol) {
        fail(std::make_exception_ptr(ConnectError("the factory's buildProtocol refused the connection")));
        return;
    }
    if (!protocol->factory) protocol->factory = factory_.get();
    int fd = std::exchange(fd_, -1);  // the transport owns the socket from here on
    transport_ = std::make_shared<TcpTransport>(reactor_, fd, id_, protocol, "client");
    transport_->setOnClosed([this](TcpTransport&, std::exception_ptr reason) {
        state_ = State::disconnected;
        factory_->clientConnectionLost(*this, reason);
        factory_->doStop();
    });
    state_ = State::connected;
    transport_->start();
}

void Connector::fail(std::exception_ptr reason) {
    if (state_ != State::connecting) return;
    cancelTimer();
    if (fd_ >= 0) {
        reactor_.removeWriter(*this);
        sockets::closeSocket(fd_);
        fd_ = -1;
    }
    state_ = State::disconnected;
    reactor_.tracer().emit(kind::connectFailed, {{"connection", id_}, {"reason", describeException(reason)}});
    factory_->clientConnectionFailed(*this, reason);
    factory_->doStop();
}

void Connector::cancelTimer() {
    if (timer_ && timer_->active()) timer_->cancel();
    timer_.reset();
}

}  // namespace lab
