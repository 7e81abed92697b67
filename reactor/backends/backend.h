// Backend: the one system call at the heart of the loop, behind a narrow interface.
//
// The reactor tells the backend which descriptors it wants to read or write (setInterest) and
// asks it to wait until some are ready or the timeout passes (wait). Backends know descriptors
// only, never handlers: mapping fd -> Handler is the reactor's job (Reactor Pattern,
// lesson 02). SelectBackend and PollBackend mirror each other; EpollBackend keeps the set in
// the kernel (lesson 04); one conformance suite (tests/backends/backend_conformance_test.cpp)
// runs against all three.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "clock/clock.h"

namespace lab {

// A descriptor the chosen backend cannot watch: select() and fd >= FD_SETSIZE (lesson 02). The
// reactor turns it into an fd_refused event, and a ListeningPort into an accept_failed.
struct FdOutOfRange : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

// What one wait found for one descriptor.
struct Readiness {
    int fd = -1;
    bool readable = false;
    bool writable = false;
    // The descriptor hung up, has an error, or is no longer open, and there is no input left to
    // read (POLLHUP, POLLERR, POLLNVAL without POLLIN; for select, a descriptor that made
    // select() fail with EBADF). With input pending it is reported readable instead.
    bool disconnected = false;
};

class Backend {
public:
    virtual ~Backend() = default;
    // "select", "poll" or "epoll": recorded in the trace header.
    virtual std::string_view name() const = 0;
    // Watch fd for reading and/or writing; both false forgets it. Throws FdOutOfRange when the
    // backend cannot watch this descriptor, leaving its interest set unchanged.
    virtual void setInterest(int fd, bool reading, bool writing) = 0;
    // Block until something is ready or `timeout` passes (nullopt: no limit; zero: just look).
    // Fills `ready` in ascending fd order, so both backends dispatch in the same order.
    // Retries EINTR with the time that remains.
    virtual void wait(std::optional<Duration> timeout, std::vector<Readiness>& ready) = 0;
    // Number of descriptors being watched.
    virtual std::size_t watchedCount() const = 0;
    // How many interest changes wait() has told the kernel so far (epoll_ctl calls), for a
    // backend whose set lives in the kernel; nullopt for select and poll, which hand the whole
    // set to every wait. The reactor traces the difference per wait (wait_end.interest_changes).
    virtual std::optional<std::uint64_t> interestChangesApplied() const { return std::nullopt; }
};

}  // namespace lab
