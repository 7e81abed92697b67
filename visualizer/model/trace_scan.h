// scanLines: what a TraceModel indexes from a stretch of trace lines, found without keeping the
// parsed events (issue 16 item 1). For each line it gives either a bad-line reason, in the words
// of the library's reader (reactor/trace/trace_reader.h), or the event's place in the text, its
// seq, t, iter and kind, and the ids it names.
// Each line goes first through simdjson's DOM parser, which checks the whole line and is several
// times faster than nlohmann; whenever that path is not sure the line is a plain good event (not
// JSON, a field missing or of another type, a key twice, a \u escape, an id that is no int64),
// the reader's own checkEventLine decides, so the reasons are the reader's, word for word.
// The rules between lines (seq increases, t and iter never go back) are the model's, in file
// order: ranges are scanned on several threads. Tested in tests/visualizer/trace_index_test.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trace/trace_json.h"

namespace lab::viz {

// The fields an event is indexed by (TraceModel::eventsFor), in this order.
inline constexpr std::string_view kEventIdFields[] = {"connection", "port", "timer", "deferred", "thread", "fd"};
inline constexpr std::size_t kEventIdFieldCount = std::size(kEventIdFields);

// The integer ids an event names: value[f] is kEventIdFields[f]'s, when bit f of `present` is set.
struct EventIds {
    std::int64_t value[kEventIdFieldCount] = {};
    std::uint8_t present = 0;
};

// One line that passed the rules of a single line.
struct ScannedEvent {
    std::uint64_t offset = 0;  // into the text
    std::uint32_t length = 0;
    std::uint32_t line = 0;  // counted from the start of the scanned range, 0-based
    std::int64_t seq = 0, t = 0, iter = 0;
    std::uint16_t kind = 0;  // into ScannedLines::kinds
    EventIds ids;
};

struct ScannedLines {
    std::vector<ScannedEvent> events;
    std::vector<std::pair<std::uint32_t, std::string>> bad;  // range line (0-based), reason
    std::vector<std::string> kinds;                          // the kind names the events use
    std::uint32_t lineCount = 0;
};

// Whether a line holds a \u escape: nlohmann and simdjson may read a bad one differently, so a
// line with one is read by nlohmann (here and in event_view.h). A search for the backslash,
// which most lines do not have, costs a fraction of memmem's.
bool hasUnicodeEscape(std::string_view line);

// Scans the whole lines of text[begin, end): `end` is just past a '\n', or the end of the text
// (then a last line with no '\n' is the unterminated last line of the file).
ScannedLines scanLines(std::string_view text, std::size_t begin, std::size_t end);

// The same columns from an event the reader has already parsed and checked (a followed trace,
// a trace built in a test); `kind` is set to the event's kind.
void fieldsOf(const TraceJson& event, std::int64_t& seq, std::int64_t& t, std::int64_t& iter, std::string& kind, EventIds& ids);

}  // namespace lab::viz
