// ReplayCursor; see replay_cursor.h.
#include "model/replay_cursor.h"

#include <algorithm>

namespace lab::viz {

ReplayCursor::ReplayCursor(const TraceModel& model, const Keyframes& keyframes)
    : model_(&model), keyframes_(&keyframes), breakpointByKind_(model.kindNames().size(), false) {}

void ReplayCursor::seek(std::size_t position) {
    position = std::min(position, model_->size());
    if (position == position_ + 1) {
        previous_ = state_;
        applyEvents(*model_, state_, position_, position_ + 1);  // the common case: one apply
    } else if (position != position_) {
        // One fold, to just before the event, and that one event on top of it.
        previous_ = keyframes_->stateAt(*model_, position == 0 ? 0 : position - 1);
        state_ = previous_;
        if (position > 0) applyEvents(*model_, state_, position - 1, position);
    }
    position_ = position;
    if (atEnd()) playing_ = false;
}

void ReplayCursor::stepForward() {
    if (!atEnd()) seek(position_ + 1);
}

void ReplayCursor::stepBack() {
    if (!atStart()) seek(position_ - 1);
}

void ReplayCursor::nextIteration() {
    const auto& spans = model_->iterations();
    if (spans.empty()) return;
    if (atStart()) {
        seek(spans.size() > 1 ? spans[1].first + 1 : spans[0].first + 1);
        return;
    }
    std::size_t span = model_->iterationIndexOf(currentIndex());
    if (span + 1 < spans.size()) {
        seek(spans[span + 1].first + 1);
    } else {
        toEnd();
    }
}

void ReplayCursor::previousIteration() {
    const auto& spans = model_->iterations();
    if (spans.empty() || atStart()) return;
    std::size_t span = model_->iterationIndexOf(currentIndex());
    if (currentIndex() > spans[span].first) {
        seek(spans[span].first + 1);
    } else if (span > 0) {
        seek(spans[span - 1].first + 1);
    } else {
        toStart();
    }
}

bool ReplayCursor::nextOfKind(std::string_view kind) {
    int id = model_->kindId(kind);
    if (id < 0) return false;
    const auto& events = model_->eventsOfKind(static_cast<KindId>(id));
    // The first event of that kind after the current one (index >= position_).
    auto it = std::lower_bound(events.begin(), events.end(), position_);
    if (it == events.end()) return false;
    seek(*it + 1);
    return true;
}

bool ReplayCursor::previousOfKind(std::string_view kind) {
    int id = model_->kindId(kind);
    if (id < 0 || atStart()) return false;
    const auto& events = model_->eventsOfKind(static_cast<KindId>(id));
    // The last event of that kind before the current one (index < currentIndex()).
    auto it = std::lower_bound(events.begin(), events.end(), currentIndex());
    if (it == events.begin()) return false;
    seek(*std::prev(it) + 1);
    return true;
}

void ReplayCursor::setBreakpoint(const std::string& kind, bool on) {
    if (on) {
        breakpoints_.insert(kind);
    } else {
        breakpoints_.erase(kind);
    }
    int id = model_->kindId(kind);
    if (id >= 0) breakpointByKind_[static_cast<std::size_t>(id)] = on;
}

bool ReplayCursor::hasBreakpoint(std::string_view kind) const { return breakpoints_.find(kind) != breakpoints_.end(); }

bool ReplayCursor::isBreakpoint(std::size_t index) const { return breakpointByKind_[model_->head(index).kind]; }

bool ReplayCursor::nextBreakpoint() {
    // The nearest event after the current one among every breakpoint kind.
    std::size_t best = SIZE_MAX;
    for (const auto& kind : breakpoints_) {
        int id = model_->kindId(kind);
        if (id < 0) continue;
        const auto& events = model_->eventsOfKind(static_cast<KindId>(id));
        auto it = std::lower_bound(events.begin(), events.end(), position_);
        if (it != events.end()) best = std::min(best, *it);
    }
    if (best == SIZE_MAX) return false;
    seek(best + 1);
    return true;
}

bool ReplayCursor::previousBreakpoint() {
    if (atStart()) return false;
    std::size_t best = SIZE_MAX;
    for (const auto& kind : breakpoints_) {
        int id = model_->kindId(kind);
        if (id < 0) continue;
        const auto& events = model_->eventsOfKind(static_cast<KindId>(id));
        auto it = std::lower_bound(events.begin(), events.end(), currentIndex());
        if (it != events.begin() && (best == SIZE_MAX || *std::prev(it) > best)) best = *std::prev(it);
    }
    if (best == SIZE_MAX) return false;
    seek(best + 1);
    return true;
}

std::size_t ReplayCursor::tick(double seconds) {
    if (!playing_) return 0;
    carry_ += seconds * speed_;
    std::size_t moved = 0;
    // Many events per frame at high speed: jump with one seek, but never past a breakpoint.
    while (carry_ >= 1.0 && playing_) {
        std::size_t want = static_cast<std::size_t>(carry_);
        std::size_t target = std::min(position_ + want, model_->size());
        std::size_t stopAt = target;
        for (std::size_t i = position_; i < target; ++i) {
            if (isBreakpoint(i)) {
                stopAt = i + 1;
                break;
            }
        }
        carry_ -= static_cast<double>(stopAt - position_);
        moved += stopAt - position_;
        bool hitBreakpoint = stopAt > position_ && isBreakpoint(stopAt - 1);
        seek(stopAt);
        if (hitBreakpoint || atEnd()) pause();
        if (stopAt == target && !hitBreakpoint) break;
    }
    return moved;
}

}  // namespace lab::viz
