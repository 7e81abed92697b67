// Protocol: the code that gives a connection its meaning (Twisted's protocol.Protocol).
//
// A transport calls, in this order: makeConnection (once; it sets `transport` and calls
// connectionMade), dataReceived (any number of times, with ANY chunking: one write by the peer
// may arrive in pieces, several may arrive together), then connectionLost(reason) exactly once.
// The reason says how it ended: ConnectionDone (clean close, either side), ConnectionLost (reset
// or error), ConnectionAborted (abortConnection). A protocol that opts in to half-close
// (wantsHalfClose) gets readConnectionLost when the peer stops sending, and may go on writing.
// Protocols never see sockets or the reactor's loop. Taught in lessons/03-echo-server;
// tested in tests/protocol/protocol_test.cpp.
#pragma once

#include <exception>
#include <string_view>

#include "interfaces/transport.h"

namespace lab {

class Factory;

class Protocol {
public:
    virtual ~Protocol() = default;

    // Called by the transport once it is connected.
    void makeConnection(ITransport& t) {
        connected = true;
        transport = &t;
        connectionMade();
    }

    virtual void connectionMade() {}
    virtual void dataReceived(std::string_view data) { (void)data; }
    virtual void connectionLost(std::exception_ptr reason) { (void)reason; }

    // Half-close (Twisted's IHalfCloseableProtocol): without it, the peer's end of input closes
    // the whole connection with ConnectionDone.
    virtual bool wantsHalfClose() const { return false; }
    virtual void readConnectionLost() {}
    virtual void writeConnectionLost() {}

    // Set by makeConnection; valid until connectionLost returns. Not owned.
    ITransport* transport = nullptr;
    bool connected = false;
    // The factory that built this protocol, if any (set by the listening port / connector).
    Factory* factory = nullptr;
};

}  // namespace lab
