// Twin normalization: a trace reduced to what a C++ lesson and its Twisted twin can share, so
// that the two can be aligned event by event (traces/SCHEMA.md, "Comparing a Twisted twin").
//
// Per event, in this order: the reactor's internal handlers leave (their registrations and
// dispatches, and their descriptors from every list); `seq` and `iter` go (one extra turn on one
// side would shift every later event); ignored fields go (`at`, `method`, the table's); on the
// Twisted side names are mapped by the table; `reason`, `failure` and `error` keep only their
// exception type (each library words its messages its own way); descriptors are renumbered in
// order of first appearance (trace/trace_normalize.h: FdRenumbering), and so are the table's
// `renumber` ids. What is left: kind, t and the event's own fields.
// Tested in tests/tools/twin_diff_test.cpp.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "trace/trace_reader.h"
#include "twin_table.h"

namespace lab::cli {

struct TwinEvent {
    TraceJson event;   // normalized
    std::string text;  // event.dump(): what alignment compares
    std::size_t line;  // where the original is in its file
};

enum class TwinSide { ours, twisted };

std::vector<TwinEvent> normalizeTwin(const TraceFile& trace, const TwinTable& table, TwinSide side);

}  // namespace lab::cli
