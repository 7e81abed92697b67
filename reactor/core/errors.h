// The reactor's exceptions, named as in Twisted's twisted.internet.error.
//
// They carry a message a student can read: what was asked, and why it cannot be done.
// Tested in tests/core/reactor_test.cpp and tests/timers/delayed_call_test.cpp.
#pragma once

#include <exception>
#include <stdexcept>
#include <string>
#include <typeinfo>

namespace lab {

// stop() on a reactor that is not running (Twisted: ReactorNotRunning).
struct ReactorNotRunning : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// run() on a reactor that has already run once (Twisted: ReactorNotRestartable).
struct ReactorNotRestartable : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The peer closed the connection cleanly (Twisted: ConnectionDone).
struct ConnectionDone : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The connection was lost uncleanly: reset, error, or a descriptor that went bad (Twisted: ConnectionLost).
struct ConnectionLost : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Something took longer than it was given (Twisted: error.TimeoutError). One type for both
// places that time out, as in Twisted: a connection attempt past connectTCP's timeout
// (transport/connector.cpp) and a Deferred past addTimeout (deferred/add_timeout.cpp). It lives
// here because both of those headers may meet in one program (an HTTP client does).
struct TimeoutError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// "lab::ConnectionDone: the peer closed the connection": the type and message, for logs and traces.
std::string describeException(std::exception_ptr error);
// The readable (demangled) name of a type, e.g. "lab::ConnectionDone".
std::string demangledTypeName(const std::type_info& type);
// Inside a catch block: the demangled type of the exception being handled, whatever was thrown.
std::string currentExceptionTypeName();

}  // namespace lab
