// Keyframes: snapshots of LoopState every `interval` events, so any position is one copy plus at
// most interval - 1 applies away. That makes a seek anywhere in a million-event trace, and a step
// backward, cost about what a step forward costs (GUIDE.md section 7; numbers from
// build/bin/viz-bench-seek). The model keeps lines, not parsed events, so building keyframes
// reads every line: each where it lies (event_view.h), which costs a fifth of parsing it into a
// TraceJson. They are built as the trace indexes (loadWithKeyframes: the fold follows the index
// block by block), or from a whole model; a followed trace that grows (TraceModel::catchUp)
// extends them with its new events.
// Their memory has a budget: a state with many connections or Deferreds is large (a 200-connection
// echo trace's is about 85 KB), and a 10-million-event trace has 19,532 frames at the default
// interval. Whenever the frames would hold more than the budget, every other frame goes and the
// interval doubles, so a seek folds a few thousand events more (about 0.3 us each) but the
// keyframes of any trace stay within the budget.
// No ImGui here; tested in tests/visualizer/keyframes_test.cpp.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model/loop_state.h"
#include "model/trace_model.h"

namespace simdjson::dom {
class object;
}

namespace lab::viz {

// Folds events [from, to) of `model` into `state`, each read where it lies (event_view.h).
void applyEvents(const TraceModel& model, LoopState& state, std::size_t from, std::size_t to);

class Keyframes {
public:
    static constexpr std::size_t kDefaultInterval = 512;
    static constexpr std::size_t kDefaultBudget = std::size_t{256} << 20;  // bytes

    // No events yet: one frame, the empty state.
    explicit Keyframes(std::size_t interval = kDefaultInterval, std::size_t budget = kDefaultBudget);
    // Folds the whole trace once, keeping the state after every `interval` events.
    Keyframes(const TraceModel& model, std::size_t interval = kDefaultInterval, LoadProgress* progress = nullptr,
              std::size_t budget = kDefaultBudget);

    // Folds on with the events `model` has gained since (a followed trace).
    void extend(const TraceModel& model);
    // Folds on with lines [first, first + count) of a block the index has handed over, parsed
    // already as `objects` (or, when that is empty, parsed here), and gives the block's pages
    // back after its last line.
    void extend(const IndexedBlock& block, std::size_t first, std::size_t count,
                const std::vector<simdjson::dom::object>& objects);

    // The state after the first `applied` events (0 .. model.size()).
    LoopState stateAt(const TraceModel& model, std::size_t applied) const;
    std::size_t interval() const { return interval_; }
    std::size_t count() const { return frames_.size(); }
    // About how many bytes the frames hold (LoopState::footprint), at most the budget.
    std::size_t bytes() const { return bytes_; }
    // Events folded so far.
    std::size_t applied() const { return state_.applied; }

private:
    void add(const EventView& event);
    // Every other frame goes and the interval doubles (the budget is spent).
    void thinOut();

    std::size_t interval_ = kDefaultInterval;
    std::size_t budget_ = kDefaultBudget;
    std::size_t bytes_ = 0;
    std::vector<LoopState> frames_;  // frames_[k]: the state after k * interval_ events
    LoopState state_;                // after every event folded so far
};

// A trace and its keyframes, built together: the fold follows the index a few blocks behind, on
// a thread of its own, so the keyframes are ready soon after the index instead of a whole fold
// later (issue 16: a 10-million-event trace is seekable anywhere in about the time it takes to
// index; figures from viz-bench-seek). `progress` goes through indexing (stage 1) and the
// keyframes still to fold after it (stage 2).
struct KeyframedTrace {
    TraceModel model;
    Keyframes keyframes;
};
KeyframedTrace loadWithKeyframes(const std::string& path, LoadProgress* progress = nullptr,
                                 std::size_t interval = Keyframes::kDefaultInterval);

}  // namespace lab::viz
