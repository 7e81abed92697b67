// Aligning two traces; see compare_align.h.
#include "model/compare_align.h"

#include <algorithm>
#include <cmath>

namespace lab::viz {

const char* alignLabel(AlignBy by) {
    switch (by) {
        case AlignBy::elapsedTime: return "same elapsed time";
        case AlignBy::fractionOfTime: return "same share of the run's time";
        case AlignBy::fractionOfEvents: return "same share of the events (a clock did not move)";
    }
    return "?";
}

Alignment alignTraces(const TraceModel& first, std::size_t position, const TraceModel& other, AlignBy wanted) {
    position = std::min(position, first.size());
    std::int64_t firstSpan = first.lastTime() - first.firstTime();
    std::int64_t otherSpan = other.lastTime() - other.firstTime();
    if (firstSpan <= 0 || otherSpan <= 0) {
        double share = first.empty() ? 0.0 : static_cast<double>(position) / static_cast<double>(first.size());
        auto aligned = static_cast<std::size_t>(std::llround(share * static_cast<double>(other.size())));
        return Alignment{std::min(aligned, other.size()), AlignBy::fractionOfEvents};
    }
    // Before the first event, the other trace is before its first event too.
    if (position == 0) return Alignment{0, wanted};
    std::int64_t elapsed = first.head(position - 1).t - first.firstTime();
    if (wanted == AlignBy::fractionOfTime) {
        double share = static_cast<double>(elapsed) / static_cast<double>(firstSpan);
        elapsed = static_cast<std::int64_t>(std::llround(share * static_cast<double>(otherSpan)));
    }
    // Every event of the other trace at or before that time has happened.
    return Alignment{other.firstAtOrAfter(other.firstTime() + elapsed + 1), wanted};
}

}  // namespace lab::viz
