// socket_ops; see socket_ops.h.
#include "transport/socket_ops.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "transport/errors.h"

namespace lab::sockets {

namespace {

sockaddr_in makeAddress(const std::string& host, int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) {
        throw std::invalid_argument("\"" + host + "\" is not an IPv4 address like 127.0.0.1 (names are not resolved)");
    }
    return address;
}

Address toAddress(const sockaddr_in& address) {
    char text[INET_ADDRSTRLEN] = {};
    ::inet_ntop(AF_INET, &address.sin_addr, text, sizeof text);
    return Address{text, ntohs(address.sin_port)};
}

IoResult fromReturn(long n) {
    if (n >= 0) return IoResult{n, false, 0};
    if (errno == EAGAIN || errno == EWOULDBLOCK) return IoResult{0, true, 0};
    return IoResult{0, false, errno};
}

}  // namespace

int createTcpSocket() {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "socket()");
    return fd;
}

void bindAndListen(int fd, const std::string& interface, int port, int backlog) {
    // Lets a restarted server bind a port whose old connections are still in TIME_WAIT.
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address = makeAddress(interface, port);
    std::string where = interface + ":" + std::to_string(port);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        throw CannotListenError("cannot listen on " + where + ": bind: " + describeErrno(errno));
    }
    if (::listen(fd, backlog) != 0) {
        throw CannotListenError("cannot listen on " + where + ": listen: " + describeErrno(errno));
    }
}

IoResult acceptOne(int listeningFd, Address& peer) {
    for (;;) {
        sockaddr_in address{};
        socklen_t length = sizeof address;
        int fd = ::accept4(listeningFd, reinterpret_cast<sockaddr*>(&address), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0 && errno == EINTR) continue;  // interrupted by a signal: retry
        if (fd >= 0) peer = toAddress(address);
        return fromReturn(fd);
    }
}

int startConnect(int fd, const std::string& host, int port) {
    sockaddr_in address = makeAddress(host, port);
    // EINTR on a non-blocking connect means the attempt goes on in the background, exactly
    // like EINPROGRESS; calling connect() again would give EALREADY.
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) return 0;
    return errno == EINTR ? EINPROGRESS : errno;
}

int pendingError(int fd) {
    int error = 0;
    socklen_t length = sizeof error;
    if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0) return errno;
    return error;
}

IoResult readSome(int fd, char* buffer, std::size_t size) {
    for (;;) {
        long n = ::read(fd, buffer, size);
        if (n < 0 && errno == EINTR) continue;  // interrupted by a signal: retry
        return fromReturn(n);
    }
}

IoResult sendSome(int fd, const char* data, std::size_t size) {
    for (;;) {
        long n = ::send(fd, data, size, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;  // interrupted by a signal: retry
        return fromReturn(n);
    }
}

void shutdownWrite(int fd) { ::shutdown(fd, SHUT_WR); }

void closeSocket(int fd) {
    // Not retried on EINTR: on Linux the descriptor is released even then, and a retry could
    // close a descriptor another part of the program has just been given.
    if (fd >= 0) ::close(fd);
}

void resetSocket(int fd) {
    if (fd < 0) return;
    linger now{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &now, sizeof now);  // a failure leaves a plain close
    ::close(fd);
}

Address localAddress(int fd) {
    sockaddr_in address{};
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    return toAddress(address);
}

Address peerAddress(int fd) {
    sockaddr_in address{};
    socklen_t length = sizeof address;
    ::getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length);
    return toAddress(address);
}

std::string errnoName(int error) {
    switch (error) {
        case EMFILE: return "EMFILE";
        case ENFILE: return "ENFILE";
        case ENOBUFS: return "ENOBUFS";
        case ENOMEM: return "ENOMEM";
        case ECONNABORTED: return "ECONNABORTED";
        case ECONNREFUSED: return "ECONNREFUSED";
        case ECONNRESET: return "ECONNRESET";
        case EPIPE: return "EPIPE";
        case ETIMEDOUT: return "ETIMEDOUT";
        case EHOSTUNREACH: return "EHOSTUNREACH";
        case ENETUNREACH: return "ENETUNREACH";
        case EPERM: return "EPERM";
        case EADDRINUSE: return "EADDRINUSE";
        default: return "errno " + std::to_string(error);
    }
}

std::string describeErrno(int error) { return errnoName(error) + " (" + std::strerror(error) + ")"; }

}  // namespace lab::sockets
