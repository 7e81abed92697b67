// appendJsonLine: one event as one line of JSON, written straight into a buffer.
//
// This is the trace writer's hot path. Building an nlohmann::ordered_json per event and dumping
// it cost about 70 times the instructions of the loop turn it described (callgrind, loop-bench);
// writing the few field types a TraceEvent can hold directly is a short function and produces
// the same text as toLine(toJson(event)), which a test checks. Text that is not valid UTF-8 has
// each bad byte replaced by U+FFFD, so a line is always valid JSON.
// Tested in tests/trace/json_line_writer_test.cpp.
#pragma once

#include <string>
#include <string_view>

#include "trace/trace_event.h"

namespace lab {

// Appends the event and a trailing '\n' to `out`.
void appendJsonLine(std::string& out, const TraceEvent& event);
// Appends `text` as a JSON string literal, quotes included.
void appendJsonString(std::string& out, std::string_view text);

}  // namespace lab
