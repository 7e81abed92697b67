// Handler: what the reactor calls when a descriptor it watches is ready (the Reactor pattern's
// event handler). Twisted's name for it is a file descriptor object (IReadDescriptor /
// IWriteDescriptor, abstract.FileDescriptor without the buffering); its reactor code calls one a
// `selectable`. We say handler everywhere: in code, in traces ("handler"), lessons and panels.
//
// The reactor calls doRead() when fileno() is readable and doWrite() when it is writable.
// If either throws, or the backend reports the descriptor disconnected, the reactor stops
// watching it and calls connectionLost(reason). Buffering and protocols live in reactor/transport.
// Taught in lessons/02-reactor-pattern ("handlers"); tested in tests/core/handler_test.cpp.
#pragma once

#include <exception>
#include <stdexcept>
#include <string>

namespace lab {

class Handler {
public:
    virtual ~Handler() = default;

    virtual int fileno() const = 0;

    // Called by the reactor when fileno() is readable; a reader must override it.
    virtual void doRead() { throw std::logic_error(logPrefix() + ": doRead() is not implemented"); }

    // Called by the reactor when fileno() is writable; a writer must override it.
    virtual void doWrite() { throw std::logic_error(logPrefix() + ": doWrite() is not implemented"); }

    // The reactor stopped watching this descriptor because of `reason`
    // (ConnectionDone, ConnectionLost, or the exception a handler threw).
    virtual void connectionLost(std::exception_ptr reason) { (void)reason; }

    // A short label for logs and traces, e.g. "LineReader" (Twisted's logPrefix).
    virtual std::string logPrefix() const { return "Handler"; }
};

}  // namespace lab
