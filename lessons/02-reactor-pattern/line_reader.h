// The two pieces of lesson 02, shared by its program, its exercise and the solution: LineReader,
// an event handler (a Handler that owns one end of a socketpair and prints each line it reads),
// and Channel, the socketpair whose other end timers write into to play the outside world.
// Not a protocol: lesson 03 shows the library's Protocol/Transport doing this job.
// Read: lessons/02-reactor-pattern/lesson.md.
#pragma once

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <functional>
#include <iostream>
#include <string>
#include <system_error>

#include "core/reactor.h"

namespace pattern {

// An event handler (article 2.2.2): it owns its descriptor and knows what to do when it is
// readable. It reads what is there, prints each complete line, and on end-of-file unregisters
// itself and tells whoever owns it.
class LineReader : public lab::Handler {
public:
    LineReader(lab::Reactor& reactor, int fd, std::string name, std::function<void()> onClosed)
        : reactor_(reactor), fd_(fd), name_(std::move(name)), onClosed_(std::move(onClosed)) {}
    ~LineReader() override {
        if (fd_ >= 0) ::close(fd_);
    }

    int fileno() const override { return fd_; }
    std::string logPrefix() const override { return name_; }

    void doRead() override {
        char buffer[512];
        ssize_t n = ::read(fd_, buffer, sizeof buffer);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;  // nothing after all: wait again
        if (n < 0) throw std::system_error(errno, std::generic_category(), name_ + " read");
        if (n == 0) {
            std::cout << "  [" << name_ << "] end of input\n";
            reactor_.removeReader(*this);
            ::close(fd_);
            fd_ = -1;
            onClosed_();
            return;
        }
        pending_.append(buffer, static_cast<std::size_t>(n));
        for (auto end = pending_.find('\n'); end != std::string::npos; end = pending_.find('\n')) {
            std::cout << "  [" << name_ << "] line: " << pending_.substr(0, end) << "\n";
            pending_.erase(0, end + 1);
        }
    }

private:
    lab::Reactor& reactor_;
    int fd_;
    std::string name_;
    std::function<void()> onClosed_;
    std::string pending_;  // bytes of a line whose end has not arrived yet
};

// One socketpair: `inside` for the handler, `outside` for the timers that play the world.
struct Channel {
    int inside = -1;
    int outside = -1;
    Channel() {
        int fds[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) throw std::system_error(errno, std::generic_category(), "socketpair");
        inside = fds[0];
        outside = fds[1];
    }
    void send(const std::string& text) const {
        if (::write(outside, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
            throw std::system_error(errno, std::generic_category(), "write");
        }
    }
    void closeOutside() {
        if (outside >= 0) ::close(outside);
        outside = -1;
    }
    ~Channel() { closeOutside(); }  // `inside` belongs to its LineReader
    Channel(const Channel&) = delete;
    Channel& operator=(const Channel&) = delete;
};

}  // namespace pattern
