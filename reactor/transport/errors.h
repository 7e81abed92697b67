// The TCP layer's exceptions, named as in Twisted's twisted.internet.error. The ones every
// handler can meet (ConnectionDone, ConnectionLost) live in core/errors.h; these are the ones only
// sockets produce. Each carries a message a student can read.
// Tested in tests/transport/tcp_transport_test.cpp and tests/transport/connector_test.cpp.
#pragma once

#include <stdexcept>

#include "core/errors.h"

namespace lab {

// This side dropped the connection with abortConnection(): buffered data was discarded
// (Twisted: ConnectionAborted).
struct ConnectionAborted : ConnectionLost {
    using ConnectionLost::ConnectionLost;
};

// listenTCP could not bind or listen (Twisted: CannotListenError).
struct CannotListenError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A connection attempt failed (Twisted: ConnectError); the kinds below say why.
struct ConnectError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Nobody listens at that address: the peer answered with a reset (Twisted: ConnectionRefusedError).
struct ConnectionRefusedError : ConnectError {
    using ConnectError::ConnectError;
};

// An attempt that takes longer than connectTCP's timeout fails with TimeoutError, in
// core/errors.h: one type shared with Deferred::addTimeout, as Twisted's error.TimeoutError is.

// The user gave up with Connector::stopConnecting() (Twisted: UserError).
struct UserError : ConnectError {
    using ConnectError::ConnectError;
};

}  // namespace lab
