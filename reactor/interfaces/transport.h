// ITransport: what a Protocol may ask of its connection (Twisted's ITransport, ITCPTransport,
// IHalfCloseableDescriptor and IConsumer together). TcpTransport is the real one; tests use
// tests/support/string_transport.h, which records writes.
//
// Semantics, as in Twisted: write() only buffers; bytes go out when the socket is writable.
// loseConnection() stops reading, sends what is buffered (and anything written after it), then
// closes: the protocol sees ConnectionDone. abortConnection() drops the buffer and the protocol
// sees ConnectionAborted on the next turn of the loop.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "interfaces/address.h"
#include "interfaces/producer.h"

namespace lab {

class ITransport {
public:
    virtual ~ITransport() = default;

    // Queue bytes for sending; ignored once the connection (or its write side) is closed.
    virtual void write(std::string_view data) = 0;
    virtual void writeSequence(const std::vector<std::string>& pieces) {
        for (const std::string& piece : pieces) write(piece);
    }
    // Flush the buffer, then close. Reading stops at once.
    virtual void loseConnection() = 0;
    // Close now, discarding the buffer; connectionLost(ConnectionAborted) comes a turn later.
    virtual void abortConnection() = 0;
    // Half-close: flush, then shut down our sending side only (shutdown(SHUT_WR)).
    virtual void loseWriteConnection() = 0;
    // True once loseConnection() was called (LineReceiver stops delivering lines then).
    virtual bool disconnecting() const = 0;

    virtual Address getPeer() const = 0;
    virtual Address getHost() const = 0;

    // Flow control (IConsumer). One producer at a time; `producer` must outlive its registration.
    virtual void registerProducer(IProducer& producer, bool streaming) = 0;
    virtual void unregisterProducer() = 0;
};

}  // namespace lab
