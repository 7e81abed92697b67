// PollBackend; see poll_backend.h.
#include "backends/poll_backend.h"

#include <algorithm>
#include <cerrno>
#include <string>
#include <system_error>

#include "backends/wait_deadline.h"

namespace lab {

void PollBackend::setInterest(int fd, bool reading, bool writing) {
    if (fd < 0) throw FdOutOfRange("poll() cannot watch fd " + std::to_string(fd) + ": descriptors are >= 0");
    auto it = std::lower_bound(fds_.begin(), fds_.end(), fd, [](const pollfd& p, int f) { return p.fd < f; });
    bool present = it != fds_.end() && it->fd == fd;
    if (!reading && !writing) {
        if (present) fds_.erase(it);
        return;
    }
    short events = static_cast<short>((reading ? POLLIN : 0) | (writing ? POLLOUT : 0));
    if (present) {
        it->events = events;
    } else {
        fds_.insert(it, pollfd{fd, events, 0});
    }
}

void PollBackend::wait(std::optional<Duration> timeout, std::vector<Readiness>& ready) {
    ready.clear();
    WaitDeadline deadline(timeout);
    for (;;) {
        // Rounded down to milliseconds: waking a little early only costs one more short wait,
        // waking late would fire the next timer late.
        int ms = -1;
        if (auto left = deadline.remaining()) {
            auto count = std::chrono::duration_cast<std::chrono::milliseconds>(*left).count();
            ms = static_cast<int>(std::min<long long>(count, 1'000'000'000));
        }
        int n = ::poll(fds_.data(), fds_.size(), ms);
        if (n >= 0) break;
        if (errno == EINTR) continue;  // a signal arrived: wait again for what remains
        throw std::system_error(errno, std::generic_category(), "poll()");
    }
    for (const pollfd& p : fds_) {
        if (p.revents == 0) continue;
        bool readable = (p.revents & POLLIN) != 0;
        // A hang-up with input still pending is reported as readable only: the input is read
        // first, and the end shows up as a read of 0 bytes, exactly as select reports it.
        bool failed = (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
        ready.push_back(Readiness{p.fd, readable, (p.revents & POLLOUT) != 0, failed && !readable});
    }
}

}  // namespace lab
