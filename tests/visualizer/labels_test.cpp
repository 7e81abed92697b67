// Labels: SCHEMA.md's words for every kind, explanations filled from the event, unknown kinds
// shown by name.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "model/labels.h"

using namespace lab;
using namespace lab::viz;

TEST_CASE("Labels: every known kind's label is the label column of traces/SCHEMA.md") {
    std::ifstream schema(std::string(REACTOR_LAB_SOURCE_DIR) + "/traces/SCHEMA.md");
    REQUIRE(schema);
    std::stringstream text;
    text << schema.rdbuf();
    for (std::size_t i = 0; i < knownKindCount(); ++i) {
        const KindInfo& info = knownKind(i);
        std::string row = "| `" + std::string(info.kind) + "` | " + std::string(info.label) + " |";
        INFO(row);
        CHECK(text.str().find(row) != std::string::npos);
    }
}

TEST_CASE("Labels: an unknown kind is labelled with its own name") {
    CHECK(labelOf("made_up_kind") == "made_up_kind");
    CHECK(groupOf("made_up_kind") == KindGroup::unknown);
    CHECK(labelOf("timers_run") == "Run due timers");
}

TEST_CASE("Labels: an explanation fills its holes from the event's fields") {
    TraceJson event = TraceJson::parse(
        R"({"seq":1,"t":0,"iter":0,"kind":"timer_scheduled","timer":4,"delay_ns":1500000000,"due_ns":1500000000,"at":"p.cpp:9"})");
    CHECK(explain(event) == "callLater at p.cpp:9: timer 4 will fire in 1.5 s, at 1.5 s.");
    TraceJson call = TraceJson::parse(R"({"seq":2,"t":0,"iter":1,"kind":"handler_called","fd":3,"handler":"Echo","event":"read"})");
    CHECK(explain(call) == "fd 3 is ready to read: the loop calls Echo's doRead().");
    TraceJson twisted = TraceJson::parse(
        R"({"seq":2,"t":0,"iter":1,"kind":"handler_called","fd":8,"handler":"Client","event":"write","method":"doConnect"})");
    CHECK(explain(twisted) == "fd 8 is ready to write: the loop calls Client's doWrite(), which is its doConnect().");
    TraceJson plain = TraceJson::parse(
        R"({"seq":2,"t":0,"iter":1,"kind":"handler_called","fd":8,"handler":"Server","event":"read","method":"doRead"})");
    CHECK(explain(plain) == "fd 8 is ready to read: the loop calls Server's doRead().");
    TraceJson wait = TraceJson::parse(R"({"seq":3,"t":0,"iter":1,"kind":"wait_begin","timeout_ns":null,"readers":[3,4],"writers":[]})");
    CHECK(explain(wait) == "Phase 3: the loop waits (timeout infinite) until readers 3, 4 or writers none are ready.");
    TraceJson ended = TraceJson::parse(R"({"kind":"wait_end","readable":[3],"writable":[],"disconnected":[]})");
    CHECK(explain(ended) == "The wait returned: readable 3, writable none, hung up none.");
    ended["interest_changes"] = 2;  // epoll only
    CHECK(explain(ended) == "The wait returned: readable 3, writable none, hung up none; before waiting, 2 epoll_ctl "
                            "call(s) brought the kernel's interest set up to date.");
    ended["interest_changes"] = 0;
    CHECK(explain(ended) == "The wait returned: readable 3, writable none, hung up none; the kernel's interest set "
                            "needed no change (no epoll_ctl).");
}

TEST_CASE("Labels: an unknown kind's explanation lists its fields") {
    TraceJson event = TraceJson::parse(R"({"seq":1,"t":0,"iter":0,"kind":"made_up","widget":7,"name":"w"})");
    CHECK(explain(event) == "A \"made_up\" event (a kind this visualizer does not know yet): widget 7, name w.");
}

TEST_CASE("Labels: durations read as a learner would say them") {
    CHECK(formatDuration(0) == "0");
    CHECK(formatDuration(250) == "250 ns");
    CHECK(formatDuration(12000) == "12 us");
    CHECK(formatDuration(1500000) == "1.5 ms");
    CHECK(formatDuration(2000000000) == "2 s");
}
