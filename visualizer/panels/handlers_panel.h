// Handlers: every registered descriptor, its handler, and whether the loop watches it for
// reading and/or writing (the interest the next wait passes to the backend). Rows that changed
// since the last step are highlighted; a row just removed is shown struck out once.
#pragma once

#include "panels/panel.h"

namespace lab::viz {

void drawHandlersPanel(const PanelContext& context);

}  // namespace lab::viz
