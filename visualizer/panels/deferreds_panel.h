// Deferreds: each Deferred's chain as a callback/errback ladder. Two rails (callback on the
// left, errback on the right), one row per added pair; the pairs that ran are lit on the side
// that ran, so the path the result took reads top to bottom (switching rails when a callback
// threw or an errback recovered). The current result sits under the last pair run; a Deferred
// paused on an inner one shows an arrow to it. Kinds it does not know still show as the
// Deferred's latest event.
#pragma once

#include "panels/panel.h"

namespace lab::viz {

void drawDeferredsPanel(const PanelContext& context);

}  // namespace lab::viz
