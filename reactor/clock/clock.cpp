// Clock implementations; see clock.h.
#include "clock/clock.h"

#include <stdexcept>
#include <string>

namespace lab {

SystemClock::SystemClock() : epoch_(std::chrono::steady_clock::now()) {}

TimePoint SystemClock::now() const {
    return TimePoint(std::chrono::duration_cast<Duration>(std::chrono::steady_clock::now() - epoch_));
}

void ManualClock::advance(Duration amount) {
    if (amount < Duration::zero()) {
        throw std::invalid_argument("ManualClock::advance: time cannot go backwards (asked to move by " +
                                    std::to_string(amount.count()) + " ns)");
    }
    now_ += amount;
}

}  // namespace lab
