// Labels: the one place the visualizer turns a trace kind into words.
//
// The label of a kind is the "label" column of traces/SCHEMA.md, word for word (one vocabulary
// from code to screen). Each kind also has a one-line plain-language explanation template whose
// {field} holes are filled from the event ({kind}, {t}, {iter} too). A kind this table does not
// know yet still shows: its label is its kind name and its explanation lists its fields.
// No ImGui here; tested in tests/visualizer/labels_test.cpp.
#pragma once

#include <string>
#include <string_view>

#include "trace/trace_json.h"

namespace lab::viz {

// Which part of the machinery a kind belongs to: panels colour and group by it.
enum class KindGroup { lifetime, loop, timer, handler, error, connection, deferred, thread, unknown };

struct KindInfo {
    std::string_view kind;
    std::string_view label;    // SCHEMA.md's label column
    std::string_view explain;  // template with {field} holes
    KindGroup group;
    std::string_view emittedBy;  // SCHEMA.md's "emitted by" column: the code that records it
};

// The row for `kind`, or nullptr for a kind this visualizer does not know.
const KindInfo* findKind(std::string_view kind);
// The label shown for `kind`: SCHEMA.md's label, or the kind name itself when unknown.
std::string_view labelOf(std::string_view kind);
KindGroup groupOf(std::string_view kind);
std::string_view groupName(KindGroup group);
// Every known kind, in SCHEMA.md order (for breakpoint lists).
std::size_t knownKindCount();
const KindInfo& knownKind(std::size_t i);

// One line in plain language for `event` (a trace event object).
std::string explain(const TraceJson& event);
// A field value as a learner reads it: "*_ns" fields and times as durations ("1.5 s"),
// lists as "3, 4" ("none" when empty), null as "none", text without quotes.
std::string formatField(std::string_view key, const TraceJson& value);
// A nanosecond count as a short duration: "0", "250 ns", "12 us", "1.5 ms", "2 s".
std::string formatDuration(std::int64_t ns);

}  // namespace lab::viz
