// Factory and ClientFactory: who builds a Protocol for each new connection (Twisted's
// protocol.Factory and protocol.ClientFactory). A server has one factory and one protocol per
// connection; the factory is where state shared between connections lives.
//
// startFactory/stopFactory run when the first port using the factory starts listening and the
// last one stops (doStart/doStop count them). A ClientFactory also hears how connection attempts
// end: clientConnectionFailed (never connected) or clientConnectionLost (connected, then ended).
// Taught in lessons/03-echo-server; tested in tests/protocol/protocol_test.cpp.
#pragma once

#include <exception>
#include <memory>

#include "protocol/protocol.h"
#include "interfaces/address.h"

namespace lab {

class Connector;

class Factory {
public:
    virtual ~Factory() = default;

    // A protocol for a connection from/to `address`; nullptr refuses the connection.
    virtual std::shared_ptr<Protocol> buildProtocol(const Address& address) = 0;
    virtual void startFactory() {}
    virtual void stopFactory() {}

    // Called by ports and connectors, not by users.
    void doStart() {
        if (numPorts_++ == 0) startFactory();
    }
    void doStop() {
        if (numPorts_ == 0) return;
        if (--numPorts_ == 0) stopFactory();
    }

private:
    int numPorts_ = 0;
};

class ClientFactory : public Factory {
public:
    virtual void startedConnecting(Connector& connector) { (void)connector; }
    // The attempt failed: ConnectionRefusedError, TimeoutError, UserError or another ConnectError.
    virtual void clientConnectionFailed(Connector& connector, std::exception_ptr reason) {
        (void)connector;
        (void)reason;
    }
    // A connection this connector made has ended (after the protocol's connectionLost).
    virtual void clientConnectionLost(Connector& connector, std::exception_ptr reason) {
        (void)connector;
        (void)reason;
    }
};

}  // namespace lab
