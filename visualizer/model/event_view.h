// EventView: one trace event as the fold (LoopState::apply) reads it, straight from its line.
//
// Building keyframes folds every event of a trace (keyframes.h). Parsing each line into a
// TraceJson (nlohmann) and freeing it again was more than three quarters of that fold's cost
// (callgrind, issue 16). A view reads the line with simdjson's DOM parser instead, into buffers
// the parser keeps from one line to the next, so nothing is allocated per event. Its field
// readers below are trace_fields.h's, with the same fallbacks: the fold reads a view exactly as
// it reads a TraceJson.
// Where the two parsers could read a line differently, the view holds nlohmann's parse of it
// instead, the rule trace_scan.h follows: a key given twice (nlohmann keeps the last value,
// simdjson finds the first), a \u escape, a number that is no int64, a nested object, a list
// holding anything but integers. A view can also be made from a TraceJson (tests, the quiz).
// Tested in tests/visualizer/event_view_test.cpp: every field of every lesson trace and edge
// fixture reads the same both ways.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trace/trace_json.h"

namespace lab::viz {

class EventView {
public:
    explicit EventView(const TraceJson& event) : json_(&event) {}
    // The event on `line`, a line the trace reader accepted. The view reads the parser's
    // buffers, so it lasts until `parser` reads another line.
    EventView(simdjson::dom::parser& parser, std::string_view line);
    // The event on `line`, already parsed by simdjson as `object` (a batch of lines parsed at once,
    // keyframes.cpp); the view reads the object's document, which must outlive it.
    EventView(simdjson::dom::object object, std::string_view line);
    // It may point into itself (the nlohmann parse it holds): neither copied nor moved.
    EventView(const EventView&) = delete;
    EventView& operator=(const EventView&) = delete;

    // The key is there, even with a null value (as TraceJson::contains).
    bool contains(std::string_view key) const;
    // True when the view holds nlohmann's parse (tests: the fast path is the one measured).
    bool readByNlohmann() const { return json_ != nullptr; }

    // The value of `key` when it is there and not null: simdjson's, or nullptr when the view
    // reads a TraceJson (then json() has it). For the field readers below.
    bool find(std::string_view key, simdjson::dom::element& value) const;
    const TraceJson* json() const { return json_; }

private:
    // Keeps the object's fields, or says false when simdjson and nlohmann might read it
    // differently (see the top of this file).
    bool keepFields(simdjson::dom::object object);

    // An event has a dozen fields at most (traces/SCHEMA.md): looking one up in this list is
    // cheaper than walking simdjson's tape.
    static constexpr std::size_t kMaxFields = 32;
    struct Field {
        std::string_view key;
        simdjson::dom::element value;
    };
    Field fields_[kMaxFields];
    std::size_t fieldCount_ = 0;
    const TraceJson* json_ = nullptr;
    TraceJson parsed_;  // nlohmann's parse of a line that is not plain
};

// trace_fields.h's readers, for a view: same fallbacks, same values.
std::int64_t intField(const EventView& event, std::string_view key, std::int64_t fallback = 0);
std::optional<std::int64_t> optionalIntField(const EventView& event, std::string_view key);
bool boolField(const EventView& event, std::string_view key, bool fallback = false);
std::string textField(const EventView& event, std::string_view key, std::string_view fallback = {});
// A text field, or nullopt when it is missing or null ("output": null, a callback that returned
// an unfired Deferred).
std::optional<std::string> optionalTextField(const EventView& event, std::string_view key);
int fdField(const EventView& event, std::string_view key = "fd");
std::vector<int> fdListField(const EventView& event, std::string_view key);

}  // namespace lab::viz
