// socket_ops: thin wrappers over the POSIX socket calls the TCP layer makes, so tcp_transport,
// listening_port and connector read as logic, not as errno handling.
//
// Every wrapper retries EINTR (a signal interrupted the call; Python retries for you, C++ does
// not) and reports "would block" (EAGAIN/EWOULDBLOCK) as a value, not an error: on a
// non-blocking socket it only means "not now". Other errors come back as an errno for the
// caller to turn into a reason. Sockets are always non-blocking and close-on-exec.
#pragma once

#include <cstddef>
#include <string>

#include "interfaces/address.h"

namespace lab::sockets {

// The result of one read/send/accept: `count` bytes (or the new fd), or why not.
struct IoResult {
    long count = 0;          // bytes moved; for accept, the new descriptor
    bool wouldBlock = false; // EAGAIN: try again when the reactor says so
    int error = 0;           // any other errno; 0 on success
    bool ok() const { return !wouldBlock && error == 0; }
};

// A non-blocking, close-on-exec IPv4 stream socket; throws std::system_error.
int createTcpSocket();
// SO_REUSEADDR, bind and listen; throws CannotListenError naming the address and the reason.
void bindAndListen(int fd, const std::string& interface, int port, int backlog);
// accept4(2): count is the new non-blocking, close-on-exec descriptor; `peer` is filled on success.
IoResult acceptOne(int listeningFd, Address& peer);
// Start a non-blocking connect(2). Returns 0 (connected already), EINPROGRESS, or the errno.
int startConnect(int fd, const std::string& host, int port);
// The result of a finished non-blocking connect (getsockopt SO_ERROR): 0 or an errno.
int pendingError(int fd);
IoResult readSome(int fd, char* buffer, std::size_t size);
// send(2) with MSG_NOSIGNAL: a closed peer gives EPIPE, not a SIGPIPE that kills the process.
IoResult sendSome(int fd, const char* data, std::size_t size);
// shutdown(SHUT_WR): our FIN; the peer reads end-of-file, we can still read.
void shutdownWrite(int fd);
// Close, ignoring errors (after close() the descriptor is gone whatever it says).
void closeSocket(int fd);
// Closes with SO_LINGER 0, so the kernel drops what is unsent and the peer gets a reset (RST)
// instead of an end of file: what abortConnection means (Twisted's _closeSocket(orderly=False)).
void resetSocket(int fd);

Address localAddress(int fd);
Address peerAddress(int fd);
// "EMFILE", "ECONNREFUSED", ...: stable in traces, unlike strerror's localized text.
std::string errnoName(int error);
// "ECONNREFUSED (Connection refused)": for exception messages.
std::string describeErrno(int error);

}  // namespace lab::sockets
