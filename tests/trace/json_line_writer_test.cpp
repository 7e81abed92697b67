// The fast line writer writes exactly what the nlohmann-json form would, and always valid JSON.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "trace/json_line_writer.h"
#include "trace/trace_json.h"

using namespace lab;
using namespace std::chrono_literals;

namespace {
std::string viaWriter(const TraceEvent& event) {
    std::string line;
    appendJsonLine(line, event);
    return line;
}
std::string viaJson(const TraceEvent& event) { return toLine(toJson(event)) + "\n"; }
}  // namespace

TEST_CASE("JsonLineWriter: writes the same text as the nlohmann-json form, field type by field type") {
    std::vector<int> fds{3, 4, 1500};
    std::vector<int> none;
    std::string text = "quote \" backslash \\ tab \t newline \n bell \x07 unicode \xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
    std::vector<TraceField> fields{{"null", nullptr},      {"yes", true},        {"no", false},
                                   {"negative", -42},      {"big", 9'000'000'000'000'000'000LL},
                                   {"text", text},         {"empty", ""},        {"fds", fds},
                                   {"nofds", none},        {"timeout", std::optional<Duration>{}},
                                   {"delay", Duration(1500ms)}};
    TraceEvent event{12, TimePoint(2s), 3, "anything", fields};
    CHECK(viaWriter(event) == viaJson(event));
    TraceEvent bare{1, TimePoint(0s), 0, "run_begin", {}};
    CHECK(viaWriter(bare) == viaJson(bare));
}

TEST_CASE("JsonLineWriter: bytes that are not UTF-8 become U+FFFD and the line still parses") {
    for (std::string bad : {std::string("ok\xff\xfe"), std::string("\xC0\xAF"), std::string("\xED\xA0\x80"),
                            std::string("cut \xE2\x82"), std::string("\xF5\x80\x80\x80")}) {
        std::vector<TraceField> fields{{"text", bad}};
        std::string line = viaWriter(TraceEvent{1, TimePoint(0s), 0, "k", fields});
        TraceJson parsed = TraceJson::parse(line, nullptr, false);
        INFO(line);
        REQUIRE_FALSE(parsed.is_discarded());
        CHECK(parsed["text"].get<std::string>().find("\xEF\xBF\xBD") != std::string::npos);
    }
}
