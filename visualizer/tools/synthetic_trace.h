// A synthetic workload recorded by the real reactor under a ManualClock: readers on socket pairs,
// timers that schedule, cancel and move other timers, a handler that writes. Used to make the
// million-event trace of the seek benchmark (bench_seek.cpp) and the small traces of the model
// tests (tests/visualizer/), so both replay exactly what the library writes.
// Not part of viz_model: it links the whole reactor.
#pragma once

#include <cstddef>

#include "trace/trace_sink.h"

namespace lab::viz {

// Records about `events` events (it stops at the end of the iteration that passes the count).
void recordSyntheticTrace(TraceSink& sink, std::size_t events, int sockets = 4);

}  // namespace lab::viz
