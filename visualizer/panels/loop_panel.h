// Loop: one iteration of Reactor::runOnce drawn as a cycle of its four phases, the current one
// lit, each with what it is doing right now (due timers, the timeout, the fds watched or ready,
// the handler being called), and phase 0 (calls from other threads) on the top line in the turns
// it runs. Answers "where is the loop now?".
#pragma once

#include "panels/panel.h"

namespace lab::viz {

void drawLoopPanel(const PanelContext& context);

}  // namespace lab::viz
