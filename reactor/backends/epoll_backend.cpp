// EpollBackend; see epoll_backend.h.
#include "backends/epoll_backend.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string>
#include <system_error>

#include "backends/wait_deadline.h"

namespace lab {

EpollBackend::EpollBackend() : epollFd_(::epoll_create1(EPOLL_CLOEXEC)) {
    if (epollFd_ < 0) throw std::system_error(errno, std::generic_category(), "epoll_create1");
}

EpollBackend::~EpollBackend() { ::close(epollFd_); }

void EpollBackend::setInterest(int fd, bool reading, bool writing) {
    if (fd < 0) throw FdOutOfRange("epoll cannot watch fd " + std::to_string(fd) + ": descriptors are >= 0");
    std::uint32_t wanted = (reading ? EPOLLIN : 0u) | (writing ? EPOLLOUT : 0u);
    auto it = interest_.find(fd);
    if (wanted == 0) {
        if (it == interest_.end()) return;
        // EBADF/ENOENT: the fd was closed first, and the kernel already forgot it.
        if (::epoll_ctl(epollFd_, EPOLL_CTL_DEL, fd, nullptr) != 0 && errno != EBADF && errno != ENOENT) {
            throw std::system_error(errno, std::generic_category(), "epoll_ctl(DEL, fd " + std::to_string(fd) + ")");
        }
        interest_.erase(it);
        return;
    }
    epoll_event event{};
    event.events = wanted;
    event.data.fd = fd;
    int operation = it == interest_.end() ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
    if (::epoll_ctl(epollFd_, operation, fd, &event) != 0) {
        throw std::system_error(errno, std::generic_category(), "epoll_ctl(fd " + std::to_string(fd) + ")");
    }
    interest_[fd] = wanted;
}

void EpollBackend::wait(std::optional<Duration> timeout, std::vector<Readiness>& ready) {
    ready.clear();
    events_.resize(std::max<std::size_t>(interest_.size(), 1));
    WaitDeadline deadline(timeout);
    int n = 0;
    for (;;) {
        // Rounded down to milliseconds, as in PollBackend: early is one more short wait, late is a late timer.
        int ms = -1;
        if (auto left = deadline.remaining()) {
            ms = static_cast<int>(std::min<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(*left).count(),
                                                      1'000'000'000));
        }
        n = ::epoll_wait(epollFd_, events_.data(), static_cast<int>(events_.size()), ms);
        if (n >= 0) break;
        if (errno == EINTR) continue;  // a signal arrived: wait again for what remains
        throw std::system_error(errno, std::generic_category(), "epoll_wait()");
    }
    for (int i = 0; i < n; ++i) {
        std::uint32_t revents = events_[static_cast<std::size_t>(i)].events;
        bool readable = (revents & EPOLLIN) != 0;
        bool failed = (revents & (EPOLLHUP | EPOLLERR)) != 0;
        ready.push_back(Readiness{events_[static_cast<std::size_t>(i)].data.fd, readable, (revents & EPOLLOUT) != 0,
                                  failed && !readable});
    }
    std::sort(ready.begin(), ready.end(), [](const Readiness& a, const Readiness& b) { return a.fd < b.fd; });
}

}  // namespace lab
