// readTraceParallel: the reader's rules (reactor/trace/trace_reader.h), applied to a whole file
// on several threads, for traces of a million events.
//
// The file is read into memory and cut into lines; each thread parses and checks its share of
// the lines with checkEventLine, then one pass in file order applies EventOrder and keeps the good
// events. The result is what readTraceFile returns for the same file, reasons and line numbers
// included (tests/visualizer/trace_model_test.cpp compares the two on traces/edge/).
// Not here: indexing the events (trace_model.h).
#pragma once

#include <string>

#include "model/trace_model.h"
#include "trace/trace_reader.h"

namespace lab::viz {

// `threads` 0 means one per core. Progress: stage 0, fraction 0..1 over reading and parsing.
TraceFile readTraceParallel(const std::string& path, LoadProgress* progress = nullptr, unsigned threads = 0);

}  // namespace lab::viz
