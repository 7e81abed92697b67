// RefusalNotice; see refusal_notice.h.
#include "core/refusal_notice.h"

#include <chrono>
#include <iostream>

namespace lab {

namespace {
constexpr Duration kSecond = std::chrono::seconds(1);
}  // namespace

RefusalNotice::RefusalNotice(std::ostream* out) : out_(out ? out : &std::cerr) {}

void RefusalNotice::refused(TimePoint now, std::string_view what) {
    ++total_;
    if (secondStart_ && now < *secondStart_ + kSecond) {
        ++heldBack_;
        lastHeldBack_ = what;
        return;
    }
    // A new second: whatever the last one held back is told first, so the lines stay in order
    // even when this refusal comes before the reactor's timer for the count has run.
    printCount();
    *out_ << "reactor-lab: " << what << "\n";
    out_->flush();
    secondStart_ = now;
}

std::optional<TimePoint> RefusalNotice::countDueAt() const {
    if (heldBack_ == 0) return std::nullopt;
    return *secondStart_ + kSecond;
}

void RefusalNotice::secondOver(TimePoint now) {
    if (std::optional<TimePoint> due = countDueAt(); due && now >= *due) printCount();
}

void RefusalNotice::flush() { printCount(); }

void RefusalNotice::printCount() {
    if (heldBack_ == 0) return;
    *out_ << "reactor-lab: " << heldBack_ << (heldBack_ == 1 ? " more refusal" : " more refusals")
          << " in the same second; the last: " << lastHeldBack_ << "\n";
    out_->flush();
    heldBack_ = 0;
    lastHeldBack_.clear();
}

}  // namespace lab
