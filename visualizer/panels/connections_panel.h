// Connections: every TCP connection the trace names (by its logical id), with its descriptor,
// peer, protocol, state, bytes read/sent/buffered, whether its producer is paused, and its
// latest event. Kinds it does not know still update "latest event".
#pragma once

#include "panels/panel.h"

namespace lab::viz {

void drawConnectionsPanel(const PanelContext& context);

}  // namespace lab::viz
