// Keyframes: snapshots of LoopState every `interval` events, so any position is one copy plus at
// most interval - 1 applies away. That makes a seek anywhere in a million-event trace, and a step
// backward, cost about what a step forward costs (GUIDE.md section 7; numbers from
// build/bin/viz-bench-seek). Built once per trace, after loading; a followed trace that grows
// (TraceModel::catchUp) extends them with the frames its new events complete. The model keeps
// lines, not parsed events, so folding the whole trace reads every line: each where it lies
// (event_view.h), which costs a fifth of parsing it into a TraceJson.
// No ImGui here; tested in tests/visualizer/keyframes_test.cpp.
#pragma once

#include <cstddef>
#include <vector>

#include "model/loop_state.h"
#include "model/trace_model.h"

namespace lab::viz {

// Folds events [from, to) of `model` into `state`, each read where it lies (event_view.h).
void applyEvents(const TraceModel& model, LoopState& state, std::size_t from, std::size_t to);

class Keyframes {
public:
    static constexpr std::size_t kDefaultInterval = 512;

    Keyframes() = default;
    // Folds the whole trace once, keeping the state after every `interval` events.
    Keyframes(const TraceModel& model, std::size_t interval = kDefaultInterval, LoadProgress* progress = nullptr);

    // The frames the events added to `model` since (a followed trace) complete: the state after
    // every further `interval` events, folded on from the last frame.
    void extend(const TraceModel& model);

    // The state after the first `applied` events (0 .. model.size()).
    LoopState stateAt(const TraceModel& model, std::size_t applied) const;
    std::size_t interval() const { return interval_; }
    std::size_t count() const { return frames_.size(); }

private:
    std::size_t interval_ = kDefaultInterval;
    std::vector<LoopState> frames_;  // frames_[k]: the state after k * interval_ events
};

}  // namespace lab::viz
