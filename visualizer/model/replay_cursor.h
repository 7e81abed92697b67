// ReplayCursor: where the replay is in a trace, and the only thing that moves it.
//
// The position is how many events have been applied (0 = before the first event, size() = after
// the last); the current event is position - 1. Every move recomputes the LoopState (one apply
// forward, or a keyframe copy plus a few applies anywhere else) and keeps the state just before
// the current event, so the panels can highlight what the last step changed (after a jump too).
// Moves: one event either way, one iteration either way, the next/previous event of a kind or of
// any breakpoint kind, seek to N, and play at a speed (events per second) that pauses on a
// breakpoint kind and at the end.
// No ImGui here; tested in tests/visualizer/replay_cursor_test.cpp.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "model/keyframes.h"
#include "model/loop_state.h"
#include "model/trace_model.h"

namespace lab::viz {

class ReplayCursor {
public:
    // `model` and `keyframes` must outlive the cursor.
    ReplayCursor(const TraceModel& model, const Keyframes& keyframes);

    std::size_t position() const { return position_; }
    std::size_t size() const { return model_->size(); }
    bool atStart() const { return position_ == 0; }
    bool atEnd() const { return position_ == model_->size(); }
    // The event just applied; precondition: !atStart().
    std::size_t currentIndex() const { return position_ - 1; }
    const LoopState& state() const { return state_; }
    // The state before the current event (equal to state() at the start).
    const LoopState& previous() const { return previous_; }
    const TraceModel& model() const { return *model_; }

    void seek(std::size_t position);  // clamped to [0, size()]
    void stepForward();
    void stepBack();
    void toStart() { seek(0); }
    void toEnd() { seek(model_->size()); }
    // To the first event of the next iteration / of this iteration (or the previous one when
    // already at its first event).
    void nextIteration();
    void previousIteration();
    // To the next / previous event of `kind`. False (and no move) when there is none.
    bool nextOfKind(std::string_view kind);
    bool previousOfKind(std::string_view kind);

    // Breakpoints: kinds that stop play() and that nextBreakpoint() / previousBreakpoint() go to.
    void setBreakpoint(const std::string& kind, bool on);
    bool hasBreakpoint(std::string_view kind) const;
    const std::set<std::string, std::less<>>& breakpoints() const { return breakpoints_; }
    bool nextBreakpoint();
    bool previousBreakpoint();

    // Play: tick(seconds) moves forward speed * seconds events (at least one when enough time
    // has gathered), stopping after an event whose kind is a breakpoint, or at the end.
    void play() { playing_ = !atEnd(); }
    void pause() { playing_ = false; carry_ = 0.0; }
    bool playing() const { return playing_; }
    void setSpeed(double eventsPerSecond) { speed_ = eventsPerSecond > 0.0 ? eventsPerSecond : 1.0; }
    double speed() const { return speed_; }
    // Returns how many events it moved.
    std::size_t tick(double seconds);

private:
    bool isBreakpoint(std::size_t index) const;

    const TraceModel* model_;
    const Keyframes* keyframes_;
    std::size_t position_ = 0;
    LoopState state_;
    LoopState previous_;
    std::set<std::string, std::less<>> breakpoints_;
    std::vector<bool> breakpointByKind_;  // indexed by KindId in model_
    bool playing_ = false;
    double speed_ = 10.0;
    double carry_ = 0.0;  // fraction of an event owed by earlier ticks
};

}  // namespace lab::viz
