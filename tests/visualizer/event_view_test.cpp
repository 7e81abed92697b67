// EventView: an event read in place from its line says, field by field, what the parsed event
// says through trace_fields.h, and the fold over views is the fold over parsed events.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "model/event_view.h"
#include "model/keyframes.h"
#include "trace/trace_fields.h"
#include "trace_fixtures.h"

using namespace lab;
using namespace lab::viz;
using lab::viz::test::shippedTraces;

namespace {

// Every reader gives the same for `key` from the line and from nlohmann's parse of it.
void requireSameField(const EventView& view, const TraceJson& event, const std::string& key) {
    INFO("key " << key);
    REQUIRE(view.contains(key) == event.contains(key));
    REQUIRE(intField(view, key, -7) == lab::intField(event, key, -7));
    REQUIRE(optionalIntField(view, key) == lab::optionalIntField(event, key));
    REQUIRE(boolField(view, key, true) == lab::boolField(event, key, true));
    REQUIRE(boolField(view, key, false) == lab::boolField(event, key, false));
    REQUIRE(textField(view, key, "?") == lab::textField(event, key, "?"));
    REQUIRE(fdField(view, key) == lab::fdField(event, key));
    REQUIRE(fdListField(view, key) == lab::fdListField(event, key));
    auto found = event.find(key);
    bool present = found != event.end() && !found->is_null();
    REQUIRE(optionalTextField(view, key) ==
            (present ? std::optional<std::string>(lab::textField(event, key)) : std::nullopt));
}

void requireSameEvent(const EventView& view, const TraceJson& event) {
    for (const auto& [key, value] : event.items()) requireSameField(view, event, key);
    requireSameField(view, event, "no_such_field");
}

}  // namespace

TEST_CASE("EventView: every field of every lesson trace and fixture reads as the parsed event reads") {
    simdjson::dom::parser parser;
    std::size_t events = 0, inPlace = 0;
    for (const std::string& path : shippedTraces()) {
        INFO(path);
        TraceModel model = TraceModel::load(path);
        for (std::size_t i = 0; i < model.size(); ++i) {
            INFO("event " << i << ": " << model.line(i));
            TraceJson event = model.json(i);
            EventView view(parser, model.line(i));
            requireSameEvent(view, event);
            ++events;
            if (!view.readByNlohmann()) ++inPlace;
        }
    }
    CHECK(events > 5000);
    // The shipped traces are plain: every one of their events is read in place.
    CHECK(inPlace == events);
}

TEST_CASE("EventView: a line simdjson and nlohmann could read differently is read by nlohmann") {
    simdjson::dom::parser parser;
    const std::vector<std::string> lines = {
        R"({"seq":1,"t":0,"iter":0,"kind":"reader_added","fd":3,"fd":4,"handler":"A"})",       // a key twice
        R"({"seq":1,"t":0,"iter":0,"kind":"error_logged","error":"caf\u00e9","source":"x"})",  // \u escape
        R"({"seq":1,"t":0,"iter":0,"kind":"bytes_read","connection":9223372036854775808})",     // no int64
        R"({"seq":1,"t":0,"iter":0,"kind":"timers_run","due":1.50})",                           // a double
        R"({"seq":1,"t":0,"iter":0,"kind":"x","result":{"a":[1,2]}})",                          // an object
        R"({"seq":1,"t":0,"iter":0,"kind":"wait_end","readable":[3,"4",5]})",                   // a mixed list
    };
    for (const std::string& line : lines) {
        INFO(line);
        TraceJson event = TraceJson::parse(line);
        EventView view(parser, line);
        CHECK(view.readByNlohmann());
        requireSameEvent(view, event);
    }
    // nlohmann keeps the last of a key given twice; so does the view.
    EventView twice(parser, lines[0]);
    CHECK(fdField(twice) == 4);
}

TEST_CASE("EventView: a plain line's values other than text read as nlohmann writes them") {
    simdjson::dom::parser parser;
    std::string line =
        R"({"seq":1,"t":0,"iter":0,"kind":"x","n":-12,"yes":true,"none":null,"fds":[3,-1,70000],"empty":[],"s":"a\"b\\c\nd"})";
    TraceJson event = TraceJson::parse(line);
    EventView view(parser, line);
    REQUIRE_FALSE(view.readByNlohmann());
    requireSameEvent(view, event);
    CHECK(textField(view, "fds") == "[3,-1,70000]");
    CHECK(textField(view, "empty") == "[]");
    CHECK(textField(view, "yes") == "true");
    CHECK(textField(view, "none", "fallback") == "fallback");
    CHECK(view.contains("none"));
    CHECK(textField(view, "s") == "a\"b\\c\nd");
}

TEST_CASE("EventView: folding views gives the state folding parsed events gives, after every event of every trace") {
    for (const std::string& path : shippedTraces()) {
        INFO(path);
        TraceModel model = TraceModel::load(path);
        LoopState parsed, inPlace;
        for (std::size_t i = 0; i < model.size(); ++i) {
            INFO("event " << i);
            parsed.apply(model.json(i), i);
            applyEvents(model, inPlace, i, i + 1);
            REQUIRE(inPlace == parsed);
        }
    }
}
