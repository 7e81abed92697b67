// Queues: what is waiting and who runs next. The ready list of the last wait (fds readable,
// writable, hung up), the timers due now (they run in the next "Run due timers" phase, oldest
// first), and the handlers called so far this iteration. What changed since the last step is
// outlined; what just left a queue is listed as gone.
#pragma once

#include "panels/panel.h"

namespace lab::viz {

void drawQueuesPanel(const PanelContext& context);

}  // namespace lab::viz
