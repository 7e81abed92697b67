// measureWaitCost; see wait_cost.h.
#include "wait_cost.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "backends/make_backend.h"

namespace lab::bench {

double measureWaitCost(const std::string& backendName, int watched, double seconds) {
    auto backend = makeBackend(backendName);
    std::vector<int> fds;
    auto closeAll = [&] {
        for (int fd : fds) ::close(fd);
    };
    try {
        for (int i = 0; i < watched; ++i) {
            int fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
            if (fd < 0) throw std::runtime_error("eventfd failed (open-file limit?)");
            fds.push_back(fd);
            backend->setInterest(fd, true, false);
        }
        // The one ready descriptor: its counter is never read back to zero, so it stays readable.
        int ready = ::eventfd(1, EFD_CLOEXEC | EFD_NONBLOCK);
        if (ready < 0) throw std::runtime_error("eventfd failed (open-file limit?)");
        fds.push_back(ready);
        backend->setInterest(ready, true, false);

        std::vector<Readiness> found;
        using Clock = std::chrono::steady_clock;
        auto budget = std::chrono::duration<double>(seconds);
        auto start = Clock::now();
        std::uint64_t waits = 0;
        // Time batches of waits, checking the clock only between batches.
        while (Clock::now() - start < budget) {
            for (int i = 0; i < 64; ++i) {
                found.clear();
                backend->wait(Duration::zero(), found);
                if (found.size() != 1) throw std::runtime_error(backendName + ": a wait did not find the one ready descriptor");
            }
            waits += 64;
        }
        double elapsedNs = std::chrono::duration<double, std::nano>(Clock::now() - start).count();
        closeAll();
        return elapsedNs / static_cast<double>(waits);
    } catch (...) {
        closeAll();
        throw;
    }
}

}  // namespace lab::bench
