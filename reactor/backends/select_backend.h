// SelectBackend: readiness with select(2), the oldest and most portable wait (Twisted's
// selectreactor). Its fd_set is a fixed-size bitmap: it cannot watch a descriptor at or above
// FD_SETSIZE (1024 on Linux), and FD_SET on one would write past the end of the bitmap. We refuse
// such descriptors with FdOutOfRange instead; lesson 02 shows why poll() exists.
// Each wait rebuilds the sets and scans every watched descriptor: cost grows with all of them.
// Tested by tests/backends/backend_conformance_test.cpp and select_backend_test.cpp.
#pragma once

#include <map>

#include "backends/backend.h"

namespace lab {

class SelectBackend final : public Backend {
public:
    std::string_view name() const override { return "select"; }
    void setInterest(int fd, bool reading, bool writing) override;
    void wait(std::optional<Duration> timeout, std::vector<Readiness>& ready) override;
    std::size_t watchedCount() const override { return interest_.size(); }

private:
    struct Interest {
        bool reading = false;
        bool writing = false;
    };
    // Reports descriptors that are no longer open, after select() failed with EBADF
    // (Twisted's _preenDescriptors).
    void reportClosedDescriptors(std::vector<Readiness>& ready) const;

    std::map<int, Interest> interest_;  // ordered by fd: the scan and the ready list ascend
};

}  // namespace lab
