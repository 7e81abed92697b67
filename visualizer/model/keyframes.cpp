// Keyframes; see keyframes.h.
#include "model/keyframes.h"

#include <algorithm>
#include <future>
#include <stdexcept>
#include <thread>

namespace lab::viz {

namespace {

// Events parsed a batch at a time on other threads: the model keeps lines, not parsed events
// (trace_model.h), and parsing them is most of what folding a whole trace costs.
constexpr std::size_t kBatch = 8192;

using Batch = std::vector<std::future<std::vector<TraceJson>>>;

Batch parseAhead(const TraceModel& model, std::size_t from, std::size_t to) {
    Batch parts;
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    std::size_t share = (to - from + threads - 1) / threads;
    for (std::size_t at = from; at < to; at += share) {
        std::size_t end = std::min(to, at + share);
        parts.push_back(std::async(std::launch::async, [&model, at, end] {
            std::vector<TraceJson> events;
            events.reserve(end - at);
            for (std::size_t i = at; i < end; ++i) events.push_back(model.json(i));
            return events;
        }));
    }
    return parts;
}

// Applies events [from, to) to `state`, calling after(i) once event i is in; the next batch is
// parsed while this one is applied. The file's pages go back as it goes (TraceModel::releaseText).
template <typename After>
void fold(const TraceModel& model, LoopState& state, std::size_t from, std::size_t to, After after) {
    Batch pending = parseAhead(model, from, std::min(to, from + kBatch));
    for (std::size_t at = from; at < to; at += kBatch) {
        Batch ready = std::move(pending);
        std::size_t next = at + kBatch;
        pending = next < to ? parseAhead(model, next, std::min(to, next + kBatch)) : Batch{};
        std::size_t i = at;
        for (auto& part : ready) {
            for (const TraceJson& event : part.get()) {
                state.apply(event, i);
                after(i++);
            }
        }
        if ((at / kBatch) % 16 == 15) model.releaseText();
    }
    model.releaseText();
}

}  // namespace

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
    });
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
    for (std::size_t i = frame * interval_; i < applied; ++i) state.apply(model.json(i), i);
    return state;
}

}  // namespace lab::viz
