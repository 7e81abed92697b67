// Keyframes; see keyframes.h.
#include "model/keyframes.h"

#include <algorithm>
#include <stdexcept>

namespace lab::viz {

Keyframes::Keyframes(const TraceModel& model, std::size_t interval, LoadProgress* progress)
    : interval_(interval == 0 ? 1 : interval) {
    if (progress) {
        progress->stage = 2;
        progress->fraction = 0.0f;
    }
    LoopState state;
    frames_.push_back(state);
    for (std::size_t i = 0; i < model.size(); ++i) {
        state.apply(model.json(i), i);
        if ((i + 1) % interval_ == 0) {
            frames_.push_back(state);
            if (progress) progress->fraction = static_cast<float>(i) / static_cast<float>(model.size());
        }
    }
    if (progress) progress->fraction = 1.0f;
}

void Keyframes::extend(const TraceModel& model) {
    if (frames_.empty()) frames_.emplace_back();
    std::size_t complete = model.size() / interval_;  // frames the model can fill: 0 .. complete
    if (frames_.size() > complete) return;
    LoopState state = frames_.back();
    for (std::size_t i = (frames_.size() - 1) * interval_; i < complete * interval_; ++i) {
        state.apply(model.json(i), i);
        if ((i + 1) % interval_ == 0) frames_.push_back(state);
    }
}

LoopState Keyframes::stateAt(const TraceModel& model, std::size_t applied) const {
    if (applied > model.size()) throw std::out_of_range("Keyframes::stateAt: position past the end of the trace");
    std::size_t frame = frames_.empty() ? 0 : std::min(applied / interval_, frames_.size() - 1);
    LoopState state = frames_.empty() ? LoopState{} : frames_[frame];
    for (std::size_t i = frame * interval_; i < applied; ++i) state.apply(model.json(i), i);
    return state;
}

}  // namespace lab::viz
