// What every panel is given: read-only views of the model, the cursor and the state at the cursor,
// and one way to ask for a move. Panels never move the cursor themselves: a click sets
// `requests.seek` and the App applies it after drawing (only the cursor moves; GUIDE.md §2).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "model/loop_state.h"
#include "model/replay_cursor.h"
#include "model/trace_model.h"

namespace lab::viz {

struct PanelRequests {
    std::optional<std::size_t> seek;  // a cursor position (events applied)
    bool focusSearch = false;         // Ctrl+F: the Event log's search box takes the keyboard
};

struct PanelContext {
    const TraceModel& model;
    const ReplayCursor& cursor;
    const LoopState& state;
    const LoopState& previous;  // the state before the last move: what changed is highlighted
    PanelRequests& requests;
};

}  // namespace lab::viz
