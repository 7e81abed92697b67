// SocketPair: two connected local stream sockets, closed on destruction. The tests' way of making
// a descriptor readable or writable on demand without a network.
#pragma once

#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>
#include <string>
#include <string_view>

namespace lab::test {

struct SocketPair {
    int left = -1;
    int right = -1;

    SocketPair() {
        int fds[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) throw std::runtime_error("socketpair failed");
        left = fds[0];
        right = fds[1];
    }
    ~SocketPair() {
        closeLeft();
        closeRight();
    }
    SocketPair(const SocketPair&) = delete;
    SocketPair& operator=(const SocketPair&) = delete;

    void closeLeft() {
        if (left >= 0) ::close(left);
        left = -1;
    }
    void closeRight() {
        if (right >= 0) ::close(right);
        right = -1;
    }
    // Writes into one end so the other end becomes readable.
    static void send(int fd, std::string_view text) {
        if (::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
            throw std::runtime_error("short write in test");
        }
    }
    static std::string receive(int fd) {
        char buffer[4096];
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
    }
};

}  // namespace lab::test
