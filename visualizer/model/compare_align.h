// CompareAlign: which event of a second trace matches the cursor in the first, for the Compare
// panel's side-by-side replay (a reactor trace beside a threaded one of the same workload).
//
// By elapsed time: both traces are measured from their own first event, and the other trace is
// shown with every event up to the same elapsed time applied. By fraction of the run: the same
// share of each trace's duration. When a trace's clock did not move (a ManualClock lesson whose
// events all sit at t = 0), time says nothing, so both fall back to the same share of the events;
// `used` says which rule applied, and the panel shows it.
// No ImGui here; tested in tests/visualizer/compare_align_test.cpp.
#pragma once

#include <cstddef>

#include "model/trace_model.h"

namespace lab::viz {

enum class AlignBy { elapsedTime, fractionOfTime, fractionOfEvents };
const char* alignLabel(AlignBy by);

struct Alignment {
    std::size_t position = 0;  // cursor position (events applied) in the other trace
    AlignBy used = AlignBy::elapsedTime;
};

// `position`: the first trace's cursor position. `wanted`: elapsedTime or fractionOfTime.
Alignment alignTraces(const TraceModel& first, std::size_t position, const TraceModel& other, AlignBy wanted);

}  // namespace lab::viz
