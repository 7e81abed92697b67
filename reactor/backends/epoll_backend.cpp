// EpollBackend; see epoll_backend.h (why changes wait for the wait, and which do not).
#include "backends/epoll_backend.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string>
#include <system_error>

#include "backends/wait_deadline.h"

namespace lab {

namespace {

const char* operationName(int operation) {
    switch (operation) {
        case EPOLL_CTL_ADD: return "ADD";
        case EPOLL_CTL_MOD: return "MOD";
        default: return "DEL";
    }
}

// EBADF: the fd is closed; ENOENT: its number now names a file the set never held. Either way
// the kernel already forgot the descriptor we registered.
bool kernelForgot(int error) { return error == EBADF || error == ENOENT; }

}  // namespace

EpollBackend::EpollBackend() : epollFd_(::epoll_create1(EPOLL_CLOEXEC)) {
    if (epollFd_ < 0) throw std::system_error(errno, std::generic_category(), "epoll_create1");
}

EpollBackend::~EpollBackend() { ::close(epollFd_); }

// One epoll_ctl; throws std::system_error naming the operation and the fd (errno is kept, so a
// caller can still tell a closed descriptor from the rest).
void EpollBackend::control(int operation, int fd, std::uint32_t events) {
    epoll_event event{};
    event.events = events;
    event.data.fd = fd;
    if (::epoll_ctl(epollFd_, operation, fd, operation == EPOLL_CTL_DEL ? nullptr : &event) != 0) {
        throw std::system_error(errno, std::generic_category(),
                                std::string("epoll_ctl(") + operationName(operation) + ", fd " + std::to_string(fd) + ")");
    }
}

void EpollBackend::setInterest(int fd, bool reading, bool writing) {
    if (fd < 0) throw FdOutOfRange("epoll cannot watch fd " + std::to_string(fd) + ": descriptors are >= 0");
    std::uint32_t wanted = (reading ? EPOLLIN : 0u) | (writing ? EPOLLOUT : 0u);
    std::size_t slot = static_cast<std::size_t>(fd);
    if (slot >= interest_.size()) {
        if (wanted == 0) return;  // never watched
        // Entering the set: the ADD comes first, so a number that is no descriptor at all
        // (EBADF) is refused before the table grows to it.
        control(EPOLL_CTL_ADD, fd, wanted);
        interest_.resize(slot + 1);
        interest_[slot] = Interest{wanted, wanted, false};
        ++watched_;
        return;
    }
    Interest& entry = interest_[slot];
    if (wanted == entry.wanted) return;
    if (wanted == 0) {
        // Leaving the set, at once (see the header). EBADF/ENOENT: the fd was closed first, and
        // the kernel already forgot it.
        if (entry.kernel != 0) {
            try {
                control(EPOLL_CTL_DEL, fd, 0);
            } catch (const std::system_error& error) {
                if (!kernelForgot(error.code().value())) throw;
            }
        }
        entry.wanted = entry.kernel = 0;
        --watched_;
        return;
    }
    if (entry.kernel == 0) {
        // Entering the set (or re-entering it, after the kernel forgot a closed descriptor).
        control(EPOLL_CTL_ADD, fd, wanted);
        if (entry.wanted == 0) ++watched_;
        entry.wanted = entry.kernel = wanted;
        return;
    }
    // A watched descriptor changes: recorded now, told to the kernel by the next wait.
    entry.wanted = wanted;
    if (!entry.changed) {
        entry.changed = true;
        changed_.push_back(fd);
    }
}

// The wait's first step: one EPOLL_CTL_MOD per descriptor that wants an event the kernel does
// not hold. A descriptor back where it was, or only wanting less, costs nothing here. A closed
// descriptor (the kernel refuses the change) is reported disconnected, as poll reports POLLNVAL.
void EpollBackend::applyChanges(std::vector<Readiness>& ready) {
    std::vector<int> pending;
    pending.swap(changed_);
    for (std::size_t i = 0; i < pending.size(); ++i) {
        int fd = pending[i];
        Interest& entry = interest_[static_cast<std::size_t>(fd)];
        entry.changed = false;
        if (entry.kernel == 0 || (entry.wanted & ~entry.kernel) == 0) continue;
        try {
            ++appliedByWaits_;
            control(EPOLL_CTL_MOD, fd, entry.wanted);
            entry.kernel = entry.wanted;
        } catch (const std::system_error& error) {
            if (!kernelForgot(error.code().value())) {
                // Keep the rest listed, so the set stays what the table says.
                for (std::size_t j = i + 1; j < pending.size(); ++j) changed_.push_back(pending[j]);
                throw;
            }
            entry.kernel = 0;
            ready.push_back(Readiness{fd, false, false, true});
        }
    }
    pending.clear();
    if (changed_.empty()) changed_.swap(pending);  // keep the capacity for the next turn
}

// One event from the kernel, filtered to what the descriptor wants. An event of a dropped interest
// alone (stopWriting, and the socket is still writable) is noted in stale_, not reported.
void EpollBackend::report(const epoll_event& event, std::vector<Readiness>& ready) {
    int fd = event.data.fd;
    std::size_t slot = static_cast<std::size_t>(fd);
    // Not ours any more (kernel == 0): a registration that outlived its descriptor in a copy.
    if (slot >= interest_.size() || interest_[slot].kernel == 0) return;
    const Interest& entry = interest_[slot];
    std::uint32_t revents = event.events;
    bool failed = (revents & (EPOLLHUP | EPOLLERR)) != 0;
    if (!failed && (revents & entry.wanted) == 0) {
        stale_.push_back(fd);
        return;
    }
    bool readable = (revents & entry.wanted & EPOLLIN) != 0;
    bool writable = (revents & entry.wanted & EPOLLOUT) != 0;
    ready.push_back(Readiness{fd, readable, writable, failed && !readable});
}

// The wait was woken by dropped interests and nothing else: take them out of the kernel now
// (one EPOLL_CTL_MOD each), so the next wait can block. A closed descriptor is reported
// disconnected, as in applyChanges.
void EpollBackend::dropStale(std::vector<Readiness>& ready) {
    for (int fd : stale_) {
        Interest& entry = interest_[static_cast<std::size_t>(fd)];
        if (entry.kernel == 0) continue;
        try {
            ++appliedByWaits_;
            control(EPOLL_CTL_MOD, fd, entry.wanted);
            entry.kernel = entry.wanted;
        } catch (const std::system_error& error) {
            if (!kernelForgot(error.code().value())) throw;
            entry.kernel = 0;
            ready.push_back(Readiness{fd, false, false, true});
        }
    }
    stale_.clear();
}

void EpollBackend::wait(std::optional<Duration> timeout, std::vector<Readiness>& ready) {
    ready.clear();
    applyChanges(ready);
    events_.resize(std::max<std::size_t>(watched_, 1));
    WaitDeadline deadline(timeout);
    for (;;) {
        // Rounded down to milliseconds, as in PollBackend: early is one more short wait, late is a late timer.
        // Something already to report (a closed descriptor): only look.
        int ms = -1;
        if (!ready.empty()) {
            ms = 0;
        } else if (auto left = deadline.remaining()) {
            ms = static_cast<int>(std::min<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(*left).count(),
                                                      1'000'000'000));
        }
        int n = ::epoll_wait(epollFd_, events_.data(), static_cast<int>(events_.size()), ms);
        if (n < 0) {
            if (errno == EINTR) continue;  // a signal arrived: wait again for what remains
            throw std::system_error(errno, std::generic_category(), "epoll_wait()");
        }
        stale_.clear();
        for (int i = 0; i < n; ++i) report(events_[static_cast<std::size_t>(i)], ready);
        // Something wanted is ready: dropped interests that fired too stay in the kernel (the
        // next message on their connection will likely want them back). Woken by them alone:
        // take them out, and wait again for what remains.
        if (!ready.empty() || stale_.empty()) break;
        dropStale(ready);
        if (!ready.empty()) break;
    }
    std::sort(ready.begin(), ready.end(), [](const Readiness& a, const Readiness& b) { return a.fd < b.fd; });
}

}  // namespace lab
