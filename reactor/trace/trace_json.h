// The JSON form of a trace line: one object, keys in a fixed order (seq, t, iter, kind, then the
// event's own fields in the order they were emitted), so traces compare byte for byte.
// Used by the JSON Lines sink, the memory sink and the tests. Schema: traces/SCHEMA.md.
#pragma once

#include <nlohmann/json.hpp>

#include "trace/trace_event.h"

namespace lab {

using TraceJson = nlohmann::ordered_json;

TraceJson toJson(const TraceHeader& header);
TraceJson toJson(const TraceEvent& event);
// One line of text, without the newline. Text that is not valid UTF-8 is written with U+FFFD
// in place of the bad bytes rather than making the whole line fail.
std::string toLine(const TraceJson& json);

}  // namespace lab
