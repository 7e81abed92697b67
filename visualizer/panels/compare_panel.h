// Compare: a second trace (say the thread-per-connection baseline) beside the first, stepped
// together: the other trace is shown as it was at the same elapsed time (or the same share of
// its run; model/compare_align.h). Side by side: the program and backend, events, duration, and
// at this moment what each is doing: the loop's phase, handlers and connections for a reactor
// trace; for a threaded one its lanes (panels/threads_panel.h), blocked versus running.
#pragma once

#include "model/compare_align.h"
#include "model/replay_cursor.h"
#include "model/thread_lanes.h"
#include "panels/panel.h"

namespace lab::viz {

struct CompareState {
    AlignBy wanted = AlignBy::elapsedTime;
    Alignment last;  // what the App applied this frame (shown, so the rule is never hidden)
};

// `other` is already positioned by the App (alignTraces); the lanes are each trace's own.
void drawComparePanel(const PanelContext& context, const ThreadLanes& lanes, const ReplayCursor& other,
                      const ThreadLanes& otherLanes, CompareState& compare);

}  // namespace lab::viz
