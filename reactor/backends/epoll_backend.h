// EpollBackend: readiness with Linux's epoll(7) (Twisted's epollreactor).
//
// select and poll hand the kernel every watched descriptor on every wait; epoll keeps the
// interest set inside the kernel (epoll_ctl changes it) and a wait returns only the ready
// descriptors, so the cost of one wait grows with the ready ones, not the watched ones
// (lesson 04 measures it). Two differences a learner can see:
//   - the kernel reports ready descriptors in no particular order; we sort them by fd so every
//     backend dispatches in the same order (the sort costs O(ready log ready));
//   - closing a descriptor removes it from the epoll set silently, so a descriptor closed while
//     still registered is never reported (select says EBADF, poll says POLLNVAL). Closing a
//     watched descriptor is a bug either way: unregister first.
// Tested by tests/backends/backend_conformance_test.cpp.
#pragma once

#include <sys/epoll.h>

#include <map>
#include <vector>

#include "backends/backend.h"

namespace lab {

class EpollBackend final : public Backend {
public:
    EpollBackend();
    ~EpollBackend() override;
    EpollBackend(const EpollBackend&) = delete;
    EpollBackend& operator=(const EpollBackend&) = delete;

    std::string_view name() const override { return "epoll"; }
    void setInterest(int fd, bool reading, bool writing) override;
    void wait(std::optional<Duration> timeout, std::vector<Readiness>& ready) override;
    std::size_t watchedCount() const override { return interest_.size(); }

private:
    int epollFd_;
    std::map<int, std::uint32_t> interest_;  // fd -> EPOLLIN/EPOLLOUT, what the kernel holds
    std::vector<epoll_event> events_;        // the wait's output buffer, grown with the watched set
};

}  // namespace lab
