// Controls: play/pause, step by event or iteration, speed, the position slider, and event-kind
// breakpoints (play stops after an event of a ticked kind; "next/previous breakpoint" jump).
// The one panel that moves the cursor directly: it is the remote control. Following a trace
// still being written (--follow), it also says whether the view is live and offers Hold.
#pragma once

#include <string>

#include "model/replay_cursor.h"

namespace lab::viz {

struct ControlsState {
    int speedIndex = 2;        // into the speed table in controls_panel.cpp
    bool showBreakpoints = false;
};

// Following (reactor-viz --follow): the view stays on the newest event while the cursor is at the
// end and the learner has not ticked Hold; stepping back leaves it where the learner put it.
struct FollowView {
    bool on = false;
    bool held = false;
    bool fileSeen = false;
    std::string path;
};

void drawControlsPanel(ControlsState& panel, ReplayCursor& cursor, FollowView* follow = nullptr);
// Speeds offered (events per second).
double controlsSpeed(int index);
int controlsSpeedCount();

}  // namespace lab::viz
