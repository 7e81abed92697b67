// HTTP requests: every request the server parsed (numbered in the order parsed), with its
// connection, method and target, where it is (being handled, response buffered or sent,
// streaming events, closed), the response's status and bytes, and for a stream the events sent.
// The model is HttpRequestState (model/loop_state.h); a row's buttons jump to its request and
// to its latest event.
#pragma once

#include "panels/panel.h"

namespace lab::viz {

void drawHttpRequestsPanel(const PanelContext& context);

}  // namespace lab::viz
