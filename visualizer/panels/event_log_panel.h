// Event log: every event of the trace, in order, with its label in the one vocabulary; the
// current one highlighted and kept in view. A search box (Ctrl+F) keeps the events whose label,
// kind or fields contain the text. Click a row to move there. Kinds this visualizer does not
// know are listed like any other. The search runs a bounded slice of the trace per frame (a
// million-event trace stays responsive while it types); the count says how far it has got.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "panels/panel.h"

namespace lab::viz {

struct EventLogState {
    char search[128] = "";
    std::string appliedSearch;        // the search `matches` was built for
    const TraceModel* builtFor = nullptr;
    std::vector<std::size_t> matches;  // event indexes matching so far (unused when the search is empty)
    std::size_t scanned = 0;           // events [0, scanned) have been searched
    std::size_t followed = SIZE_MAX;   // the cursor position last scrolled to
    bool focusSearch = false;
};

void drawEventLogPanel(const PanelContext& context, EventLogState& panel);
// One line summary of an event's own fields ("fd 3, handler R, event read").
std::string eventSummary(const TraceJson& event);

}  // namespace lab::viz
