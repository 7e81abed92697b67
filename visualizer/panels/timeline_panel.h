// Timeline: the whole trace as lanes of event ticks (loop, timers, handlers, connections,
// Deferreds, other) over iterations, against event order or time. Mouse wheel zooms, drag pans,
// a click moves the cursor there. Causality: an arrow from the callback that scheduled each
// timer to the timer's firing (the current event's timer drawn bright).
#pragma once

#include "panels/panel.h"

namespace lab::viz {

struct TimelineState {
    double viewStart = 0.0;  // the visible part, as fractions of the whole trace
    double viewEnd = 1.0;
    bool byTime = false;     // x is time instead of event order
    bool showCauses = true;
    bool follow = true;      // keep the cursor in view while playing or stepping
};

void drawTimelinePanel(const PanelContext& context, TimelineState& panel);

}  // namespace lab::viz
