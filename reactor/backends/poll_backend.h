// PollBackend: readiness with poll(2) (Twisted's pollreactor). No FD_SETSIZE limit: the array of
// pollfd entries is as long as the watched set. Like select, each wait hands the kernel every
// watched descriptor, so its cost still grows with all of them (epoll's is with the ready ones).
// POLLHUP, POLLERR and POLLNVAL come back as Readiness::disconnected; the reactor handles them
// as Twisted's pollreactor does (Reactor::dispatch).
// Tested by tests/backends/backend_conformance_test.cpp.
#pragma once

#include <poll.h>

#include <vector>

#include "backends/backend.h"

namespace lab {

class PollBackend final : public Backend {
public:
    std::string_view name() const override { return "poll"; }
    void setInterest(int fd, bool reading, bool writing) override;
    void wait(std::optional<Duration> timeout, std::vector<Readiness>& ready) override;
    std::size_t watchedCount() const override { return fds_.size(); }

private:
    std::vector<pollfd> fds_;  // sorted by fd: found by binary search, reported in ascending order
};

}  // namespace lab
