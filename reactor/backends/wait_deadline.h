// WaitDeadline: the time left of a wait, so a wait interrupted by a signal (EINTR) can be retried
// for the remainder instead of starting the full timeout again. C++ gets EINTR back from
// select()/poll(); Python retries for you (PEP 475), which is why Twisted's code never shows it.
#pragma once

#include <chrono>
#include <optional>

#include "clock/clock.h"

namespace lab {

class WaitDeadline {
public:
    explicit WaitDeadline(std::optional<Duration> timeout)
        : timeout_(timeout), start_(std::chrono::steady_clock::now()) {}

    // nullopt: wait without limit; otherwise what remains, never negative.
    std::optional<Duration> remaining() const {
        if (!timeout_) return std::nullopt;
        auto elapsed = std::chrono::steady_clock::now() - start_;
        auto left = *timeout_ - std::chrono::duration_cast<Duration>(elapsed);
        return left < Duration::zero() ? Duration::zero() : left;
    }

private:
    std::optional<Duration> timeout_;
    std::chrono::steady_clock::time_point start_;
};

}  // namespace lab
