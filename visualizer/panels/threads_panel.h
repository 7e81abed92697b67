// Threads: the thread-per-connection baseline drawn as one lane per thread on a time axis,
// running spans tall and bright, blocked ones (in accept, read or write) low and dim, the
// current time marked. Answers "what is each thread doing, and how much of the time is it just
// waiting?" (lesson 04). A click on a span moves the cursor to the event that began it.
// drawThreadLanes() is the lanes alone, for the Compare panel's threaded side.
#pragma once

#include "model/thread_lanes.h"
#include "panels/panel.h"

namespace lab::viz {

void drawThreadsPanel(const PanelContext& context, const ThreadLanes& lanes);
// The lanes in the space left in the window (at least `minHeight` high). `requests` may be null
// (the compared trace: its cursor follows the main one and is not moved by clicks).
void drawThreadLanes(const TraceModel& model, const ThreadLanes& lanes, const LoopState& state, float minHeight,
                     PanelRequests* requests);

}  // namespace lab::viz
