// Keyframes; see keyframes.h.
#include "model/keyframes.h"

#include <algorithm>
#include <stdexcept>

#include "model/event_view.h"

namespace lab::viz {

namespace {

// Events between two hand-backs of the file's pages (TraceModel::releaseText) while folding
// the whole trace.
constexpr std::size_t kReleaseEvery = 1u << 17;

// Applies events [from, to) to `state`, calling after(i) once event i is in. Each is read where
// it lies in its line (event_view.h), by one parser whose buffers serve every line.
template <typename After>
void fold(const TraceModel& model, LoopState& state, std::size_t from, std::size_t to, After after) {
    simdjson::dom::parser parser;
    for (std::size_t i = from; i < to; ++i) {
        EventView event(parser, model.line(i));
        state.applyView(event, i);
        after(i);
    }
}

}  // namespace

void applyEvents(const TraceModel& model, LoopState& state, std::size_t from, std::size_t to) {
    fold(model, state, from, to, [](std::size_t) {});
}

Keyframes::Keyframes(const TraceModel& model, std::size_t interval, LoadProgress* progress)
    : interval_(interval == 0 ? 1 : interval) {
    if (progress) {
        progress->stage = 2;
        progress->fraction = 0.0f;
    }
    LoopState state;
    frames_.push_back(state);
    fold(model, state, 0, model.size(), [&](std::size_t i) {
        if ((i + 1) % interval_ == 0) {
            frames_.push_back(state);
            if (progress) progress->fraction = static_cast<float>(i) / static_cast<float>(model.size());
        }
        if ((i + 1) % kReleaseEvery == 0) model.releaseText(i + 1 - kReleaseEvery, i + 1);
    });
    model.releaseText(model.size() / kReleaseEvery * kReleaseEvery, model.size());
    if (progress) progress->fraction = 1.0f;
}

void Keyframes::extend(const TraceModel& model) {
    if (frames_.empty()) frames_.emplace_back();
    std::size_t complete = model.size() / interval_;  // frames the model can fill: 0 .. complete
    if (frames_.size() > complete) return;
    LoopState state = frames_.back();
    fold(model, state, (frames_.size() - 1) * interval_, complete * interval_, [&](std::size_t i) {
        if ((i + 1) % interval_ == 0) frames_.push_back(state);
    });
}

LoopState Keyframes::stateAt(const TraceModel& model, std::size_t applied) const {
    if (applied > model.size()) throw std::out_of_range("Keyframes::stateAt: position past the end of the trace");
    std::size_t frame = frames_.empty() ? 0 : std::min(applied / interval_, frames_.size() - 1);
    LoopState state = frames_.empty() ? LoopState{} : frames_[frame];
    applyEvents(model, state, frame * interval_, applied);
    return state;
}

}  // namespace lab::viz
