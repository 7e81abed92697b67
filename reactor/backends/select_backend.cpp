// SelectBackend; see select_backend.h.
#include "backends/select_backend.h"

#include <fcntl.h>
#include <sys/select.h>

#include <cerrno>
#include <string>
#include <system_error>

#include "backends/wait_deadline.h"

namespace lab {

void SelectBackend::setInterest(int fd, bool reading, bool writing) {
    if (fd < 0 || fd >= FD_SETSIZE) {
        // FD_SET on such a descriptor would write outside the fd_set bitmap.
        throw FdOutOfRange("select() cannot watch fd " + std::to_string(fd) + ": it only holds fds 0.." +
                           std::to_string(FD_SETSIZE - 1) + " (FD_SETSIZE); use --backend poll");
    }
    if (!reading && !writing) {
        interest_.erase(fd);
    } else {
        interest_[fd] = Interest{reading, writing};
    }
}

void SelectBackend::wait(std::optional<Duration> timeout, std::vector<Readiness>& ready) {
    ready.clear();
    WaitDeadline deadline(timeout);
    fd_set readSet;
    fd_set writeSet;
    for (;;) {
        FD_ZERO(&readSet);
        FD_ZERO(&writeSet);
        int maxFd = -1;
        for (const auto& [fd, interest] : interest_) {
            if (interest.reading) FD_SET(fd, &readSet);
            if (interest.writing) FD_SET(fd, &writeSet);
            maxFd = fd;
        }
        // Rounded down to microseconds: waking a little early only costs one more short wait,
        // waking late would fire the next timer late.
        timeval tv{};
        timeval* tvp = nullptr;
        if (auto left = deadline.remaining()) {
            auto us = std::chrono::duration_cast<std::chrono::microseconds>(*left).count();
            tv.tv_sec = static_cast<time_t>(us / 1'000'000);
            tv.tv_usec = static_cast<suseconds_t>(us % 1'000'000);
            tvp = &tv;
        }
        int n = ::select(maxFd + 1, &readSet, &writeSet, nullptr, tvp);
        if (n >= 0) break;
        if (errno == EINTR) continue;  // a signal arrived: wait again for what remains
        if (errno == EBADF) {
            reportClosedDescriptors(ready);
            return;
        }
        throw std::system_error(errno, std::generic_category(), "select()");
    }
    for (const auto& [fd, interest] : interest_) {
        bool r = interest.reading && FD_ISSET(fd, &readSet);
        bool w = interest.writing && FD_ISSET(fd, &writeSet);
        if (r || w) ready.push_back(Readiness{fd, r, w, false});
    }
}

void SelectBackend::reportClosedDescriptors(std::vector<Readiness>& ready) const {
    for (const auto& entry : interest_) {
        int fd = entry.first;
        if (::fcntl(fd, F_GETFD) == -1 && errno == EBADF) ready.push_back(Readiness{fd, false, false, true});
    }
}

}  // namespace lab
