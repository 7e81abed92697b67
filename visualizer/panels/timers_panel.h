// Timers: the pending DelayedCalls against now. Each one is a bar on a time axis that starts at
// now: the ones past the "now" line are due. With id, due time, time left and the callLater
// that scheduled it; the last few that fired or were cancelled follow, dimmed.
#pragma once

#include "panels/panel.h"

namespace lab::viz {

void drawTimersPanel(const PanelContext& context);

}  // namespace lab::viz
