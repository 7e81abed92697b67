// ChromePlan: what the Chrome export (chrome_export.h) must know before it writes, found by a
// first read of the trace: where each Deferred's async span ends (the last event that names it
// cannot be known until it has gone by), how many good events there are (the second read must
// give the same), and the reader's problems, each written as "file:line: reason" as it is found,
// so they are all said before anything is exported.
// It keeps eight bytes per Deferred and one entry per Deferred id of the current
// DeferredTracing scope, never an event. Tested with the export, tests/tools/chrome_export_test.cpp.
#pragma once

#include <cstdint>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "trace/trace_reader.h"

namespace lab::cli {

struct ChromePlan {
    // One per span, in the order spans begin: the index (among the good events) of its last event.
    std::vector<std::size_t> spanEnds;
    std::size_t events = 0;
    std::size_t problems = 0;
};

// The Deferred an event names, or -1.
std::int64_t deferredOf(const TraceJson& event);
// True when `event` begins a new span for its Deferred: every deferred_created does (ids restart
// in each DeferredTracing scope, so an old id can name a new Deferred), and so does the first
// event naming a Deferred whose span is not open (a trace that began inside a chain).
bool beginsSpan(const TraceJson& event, bool spanOpen);

ChromePlan planChromeExport(std::istream& in, const std::string& name, std::ostream& problems);

}  // namespace lab::cli
