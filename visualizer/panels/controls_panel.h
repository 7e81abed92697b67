// Controls: play/pause, step by event or iteration, speed, the position slider, and event-kind
// breakpoints (play stops after an event of a ticked kind; "next/previous breakpoint" jump).
// The one panel that moves the cursor directly: it is the remote control.
#pragma once

#include "model/replay_cursor.h"

namespace lab::viz {

struct ControlsState {
    int speedIndex = 2;        // into the speed table in controls_panel.cpp
    bool showBreakpoints = false;
};

void drawControlsPanel(ControlsState& panel, ReplayCursor& cursor);
// Speeds offered (events per second).
double controlsSpeed(int index);
int controlsSpeedCount();

}  // namespace lab::viz
