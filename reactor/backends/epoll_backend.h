// EpollBackend: readiness with Linux's epoll(7) (Twisted's epollreactor).
//
// select and poll hand the kernel every watched descriptor on every wait; epoll keeps the
// interest set inside the kernel (epoll_ctl changes it) and a wait returns only the ready
// descriptors, so the cost of one wait grows with the ready ones, not the watched ones
// (lesson 04 measures it). Changing that set is a system call of its own, and an echo changes
// it twice per message (write() starts writing, doWrite stops it), so changes wait for the wait:
//   - a descriptor entering the set (EPOLL_CTL_ADD) or leaving it (EPOLL_CTL_DEL) is told to the
//     kernel at once: an ADD that fails belongs to the caller of setInterest (a regular file,
//     a closed fd), and a DEL must reach the kernel before the caller closes the descriptor,
//     or a copy of it (a dup, a child's) would keep it in the set under a number that may
//     soon belong to someone else;
//   - a watched descriptor's changes are only recorded; wait() adds what the kernel lacks with
//     one EPOLL_CTL_MOD, so a change undone before the wait costs nothing (libuv does the same);
//   - an interest dropped (stopWriting) stays in the kernel until it wakes a wait that no
//     wanted event would have woken; only then is it taken out. While other descriptors have
//     work it just rides along, unreported. In a busy echo the next message arrives first,
//     startWriting wants it back, and no epoll_ctl is made at all.
// wait() reports only what was asked for, and interestChangesApplied() counts its epoll_ctl
// calls (the trace's wait_end.interest_changes).
// Two differences a learner can see:
//   - the kernel reports ready descriptors in no particular order; we sort them by fd so every
//     backend dispatches in the same order (the sort costs O(ready log ready));
//   - closing a descriptor removes it from the epoll set silently, so a descriptor closed while
//     still registered is never reported (select says EBADF, poll says POLLNVAL), unless a change
//     for it was waiting: then the kernel refuses it and the descriptor is reported
//     disconnected, as poll would. Closing a watched descriptor is a bug either way: unregister
//     first.
// Tested by tests/backends/backend_conformance_test.cpp.
#pragma once

#include <sys/epoll.h>

#include <cstdint>
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
    std::size_t watchedCount() const override { return watched_; }
    std::optional<std::uint64_t> interestChangesApplied() const override { return appliedByWaits_; }

private:
    // One descriptor's interest. Invariants: wanted == 0 exactly when the fd is not in the
    // kernel's set (kernel == 0 too); otherwise kernel may hold more than wanted (a dropped
    // interest not yet taken out) or, while `changed`, less.
    struct Interest {
        std::uint32_t wanted = 0;  // EPOLLIN/EPOLLOUT, what the reactor asked for
        std::uint32_t kernel = 0;  // what the kernel's set holds
        bool changed = false;      // listed in changed_
    };
    void control(int operation, int fd, std::uint32_t events);
    void applyChanges(std::vector<Readiness>& ready);
    void report(const epoll_event& event, std::vector<Readiness>& ready);
    void dropStale(std::vector<Readiness>& ready);

    int epollFd_;
    std::vector<Interest> interest_;  // indexed by fd (descriptors are small and dense)
    std::vector<int> changed_;        // watched fds whose wanted changed since the last wait, each once
    std::size_t watched_ = 0;         // fds with wanted != 0
    std::uint64_t appliedByWaits_ = 0;
    std::vector<epoll_event> events_;  // the wait's output buffer, grown with the watched set
    std::vector<int> stale_;           // fds this wait woke only with a dropped interest
};

}  // namespace lab
