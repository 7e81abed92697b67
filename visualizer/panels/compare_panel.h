// Compare: a second trace (say the thread-per-connection baseline) beside the first, aligned by
// time: the other trace is shown as it was at the current event's time. Side by side: the
// program and backend, events, iterations, duration, and at this time what each is doing
// (phase, handlers, pending timers, connections, threads).
#pragma once

#include "model/replay_cursor.h"
#include "panels/panel.h"

namespace lab::viz {

// `other` is already positioned at the current time by the App.
void drawComparePanel(const PanelContext& context, const ReplayCursor& other);

}  // namespace lab::viz
