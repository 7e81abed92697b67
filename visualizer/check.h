// `reactor-viz --check TRACE.jsonl`: load and validate a trace without opening a window, and
// print a summary: events, iterations, duration, the kinds with their counts (a kind this
// visualizer does not know is listed as shown generically), and every problem as
// "file:line: reason". A truncated last line (a program killed while writing) is a warning:
// that line is skipped and the rest is fine.
// A benchmark result (model/bench_result.h) is checked the same way: rows, wait-cost points,
// and every problem as "file: where: reason".
// Exit codes: 0 clean (warnings allowed), 1 problems. Usage errors (2) are main.cpp's.
// Tested by tests/visualizer/check_test.cmake on traces/edge/.
#pragma once

#include <string>

namespace lab::viz {

int runCheck(const std::string& path);

}  // namespace lab::viz
