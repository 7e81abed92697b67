// RefusalNotice and Reactor::reportRefusal: one line for a refusal, one line and a count line
// for a flood, the count when its second ends (by the reactor's clock) or when the loop stops.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "clock/clock.h"
#include "core/reactor.h"
#include "core/refusal_notice.h"

using namespace lab;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> linesOf(const std::ostringstream& out) {
    std::vector<std::string> lines;
    std::istringstream in(out.str());
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::string refusal(int fd) {
    return "closed a new client on port 8000: select() cannot watch fd " + std::to_string(fd) +
           ": it only holds fds 0..1023 (FD_SETSIZE); use --backend poll";
}

}  // namespace

TEST_CASE("RefusalNotice: one refusal prints one line at once, and nothing is left to count") {
    std::ostringstream out;
    RefusalNotice notice(&out);
    notice.refused(TimePoint(5s), refusal(1030));
    CHECK(linesOf(out) == std::vector<std::string>{"reactor-lab: " + refusal(1030)});
    CHECK_FALSE(notice.countDueAt());
    notice.flush();
    CHECK(linesOf(out).size() == 1);
}

TEST_CASE("RefusalNotice: 50 refusals in one second print one line, then one count line when the second ends") {
    std::ostringstream out;
    RefusalNotice notice(&out);
    for (int i = 0; i < 50; ++i) notice.refused(TimePoint(10s + i * 10ms), refusal(1030 + i));
    CHECK(linesOf(out).size() == 1);
    REQUIRE(notice.countDueAt() == TimePoint(11s));
    notice.secondOver(TimePoint(10s + 999ms));  // not yet
    CHECK(linesOf(out).size() == 1);
    notice.secondOver(TimePoint(11s));
    auto lines = linesOf(out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "reactor-lab: " + refusal(1030));
    CHECK(lines[1] == "reactor-lab: 49 more refusals in the same second; the last: " + refusal(1079));
    CHECK(notice.total() == 50);
    CHECK_FALSE(notice.countDueAt());
}

TEST_CASE("RefusalNotice: a refusal in the next second prints the held-back count first, then its own line") {
    std::ostringstream out;
    RefusalNotice notice(&out);
    notice.refused(TimePoint(0s), refusal(1030));
    notice.refused(TimePoint(500ms), refusal(1031));
    notice.refused(TimePoint(1s), refusal(1032));  // a new second begins exactly 1 s after the line
    auto lines = linesOf(out);
    REQUIRE(lines.size() == 3);
    CHECK(lines[1] == "reactor-lab: 1 more refusal in the same second; the last: " + refusal(1031));
    CHECK(lines[2] == "reactor-lab: " + refusal(1032));
}

TEST_CASE("Reactor: a flood of refusals gets its count line from a timer when the second ends, even on an idle loop") {
    ManualClock clock;
    std::ostringstream out;
    Reactor reactor({"poll", &clock, nullptr, "", &out});
    for (int i = 0; i < 50; ++i) reactor.reportRefusal(refusal(1030 + i));
    CHECK(linesOf(out).size() == 1);
    CHECK(reactor.pendingTimers() == 1);  // one timer for the count, however many were held back
    reactor.runOnce();                    // nothing else to do: logical time jumps to the end of the second
    reactor.runOnce();
    CHECK(reactor.now() == TimePoint(1s));
    auto lines = linesOf(out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[1] == "reactor-lab: 49 more refusals in the same second; the last: " + refusal(1079));
    CHECK(reactor.pendingTimers() == 0);
}

TEST_CASE("Reactor: the refusals still held back are counted on stderr when run() returns") {
    ManualClock clock;
    std::ostringstream out;
    Reactor reactor({"poll", &clock, nullptr, "", &out});
    reactor.callWhenRunning([&] {
        for (int i = 0; i < 3; ++i) reactor.reportRefusal(refusal(1030 + i));
        reactor.stop();
    });
    reactor.run();
    CHECK(clock.now() == TimePoint(0s));  // stopped before the second ended
    auto lines = linesOf(out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[1] == "reactor-lab: 2 more refusals in the same second; the last: " + refusal(1032));
}
