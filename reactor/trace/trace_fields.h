// Reading one field of a trace event the way every reader of traces does (the visualizer's fold,
// its thread lanes, the Chrome export): a field that is missing, null or of another type gives
// the fallback instead of throwing, so a trace from a newer writer, or a hand-made one, still
// opens (traces/SCHEMA.md: unknown kinds and fields are allowed). The reader (trace_reader.h)
// has already refused a line whose seq, t, iter or kind is missing or mistyped, so for those
// the fallback is never used. Tested in tests/trace/trace_fields_test.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trace/trace_json.h"

namespace lab {

// An integer field, or `fallback`.
std::int64_t intField(const TraceJson& event, std::string_view key, std::int64_t fallback = 0);
// An integer field, or nullopt when it is missing or null ("timeout_ns": null is "no limit").
std::optional<std::int64_t> optionalIntField(const TraceJson& event, std::string_view key);
// A boolean field, or `fallback`.
bool boolField(const TraceJson& event, std::string_view key, bool fallback = false);
// A text field; a number or list is given as its JSON text; missing or null gives `fallback`.
std::string textField(const TraceJson& event, std::string_view key, std::string_view fallback = {});
// A descriptor field ("fd"), or -1.
int fdField(const TraceJson& event, std::string_view key = "fd");
// A list of descriptors ("readers", "readable", ...); entries that are not integers are skipped.
std::vector<int> fdListField(const TraceJson& event, std::string_view key);

}  // namespace lab
