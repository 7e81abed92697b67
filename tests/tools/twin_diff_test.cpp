// reactor-trace diff --twin, in-process: the normalization of traces/SCHEMA.md ("Comparing a
// Twisted twin"), the alignment's hunks, and the rule that every difference is listed exactly as
// often as it occurs, on small traces written here. The lesson twins themselves are compared by
// the "Twin 03-echo-server: ..." tests (twisted-tracer/CMakeLists.txt).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "cli.h"
#include "twin_alignment.h"
#include "twin_normalize.h"
#include "twin_table.h"

using namespace lab;
using namespace lab::cli;

namespace {

const char* kHeader = R"({"schema":"reactor-lab-trace","version":1,"program":"p","backend":"select","clock":"manual","time_unit":"ns"})";

TraceFile trace(const std::vector<std::string>& events) {
    std::string text = std::string(kHeader) + "\n";
    for (std::size_t i = 0; i < events.size(); ++i) {
        text += R"({"seq":)" + std::to_string(i + 1) + R"(,"t":0,"iter":)" + std::to_string(i) + "," + events[i] + "}\n";
    }
    std::istringstream in(text);
    return readTrace(in, "test");
}

std::string file(const std::string& name, const std::string& text) {
    std::string path = std::string(REACTOR_LAB_BINARY_DIR) + "/tests/" + name;
    std::ofstream(path, std::ios::trunc) << text;
    return path;
}

std::string fileOf(const std::string& name, const std::vector<std::string>& events) {
    std::string text = std::string(kHeader) + "\n";
    for (std::size_t i = 0; i < events.size(); ++i) {
        text += R"({"seq":)" + std::to_string(i + 1) + R"(,"t":0,"iter":1,)" + events[i] + "}\n";
    }
    return file(name, text);
}

}  // namespace

TEST_CASE("Twin diff: internal handlers, seq, iter, at and method are left out, names mapped, reasons kept to their type") {
    TwinTable table = parseTwinTable(R"({"names":{"Port":"ListeningPort","twisted.internet.error.ConnectionDone":"lab::ConnectionDone"},"differences":[]})", "t.json");
    TraceFile twisted = trace({R"("kind":"reader_added","fd":3,"handler":"_UnixWaker")",
                               R"("kind":"reader_added","fd":9,"handler":"Port")",
                               R"("kind":"wait_begin","timeout_ns":null,"readers":[3,9],"writers":[])",
                               R"("kind":"handler_called","fd":3,"handler":"_UnixWaker","event":"read","method":"doRead")",
                               R"("kind":"handler_called","fd":9,"handler":"Port","event":"read","method":"doRead")",
                               R"("kind":"timer_scheduled","timer":1,"delay_ns":0,"due_ns":0,"at":"program.py:3")",
                               R"("kind":"connection_closed","connection":1,"fd":12,"reason":"twisted.internet.error.ConnectionDone: Connection was closed cleanly.")"});
    REQUIRE(twisted.ok());
    std::vector<TwinEvent> events = normalizeTwin(twisted, table, TwinSide::twisted);
    REQUIRE(events.size() == 5);
    CHECK(events[0].text == R"({"t":0,"kind":"reader_added","fd":"f1","handler":"ListeningPort"})");
    CHECK(events[0].line == 3);
    CHECK(events[1].text == R"({"t":0,"kind":"wait_begin","timeout_ns":null,"readers":["f1"],"writers":[]})");
    CHECK(events[2].text == R"({"t":0,"kind":"handler_called","fd":"f1","handler":"ListeningPort","event":"read"})");
    CHECK(events[3].text == R"({"t":0,"kind":"timer_scheduled","timer":1,"delay_ns":0,"due_ns":0})");
    CHECK(events[4].text == R"({"t":0,"kind":"connection_closed","connection":1,"fd":"f2","reason":"lab::ConnectionDone"})");

    // Our side keeps its own names; its reasons are cut to the type too.
    TraceFile ours = trace({R"("kind":"connection_closed","connection":1,"fd":7,"reason":"lab::ConnectionDone: the peer closed the connection")"});
    CHECK(normalizeTwin(ours, table, TwinSide::ours)[0].text ==
          R"({"t":0,"kind":"connection_closed","connection":1,"fd":"f1","reason":"lab::ConnectionDone"})");
}

TEST_CASE("Twin diff: renumber gives logical ids in order of first appearance on each side") {
    TwinTable table = parseTwinTable(R"({"renumber":["timer"],"differences":[]})", "t.json");
    TraceFile a = trace({R"("kind":"timer_scheduled","timer":7)", R"("kind":"timer_fired","timer":7)",
                         R"("kind":"timer_scheduled","timer":3)"});
    std::vector<TwinEvent> events = normalizeTwin(a, table, TwinSide::ours);
    CHECK(events[0].event["timer"] == 1);
    CHECK(events[1].event["timer"] == 1);
    CHECK(events[2].event["timer"] == 2);
}

TEST_CASE("Twin diff: the alignment's hunks are what one side has and the other has not, between common events") {
    TwinAlignment same = alignTwins({"a", "b", "c"}, {"a", "b", "c"});
    CHECK(same.common == 3);
    CHECK(same.hunks.empty());

    TwinAlignment apart = alignTwins({"a", "x", "b", "c", "y"}, {"a", "b", "z", "z", "c"});
    CHECK(apart.common == 3);
    REQUIRE(apart.hunks.size() == 3);
    CHECK((apart.hunks[0].oursBegin == 1 && apart.hunks[0].oursEnd == 2 && apart.hunks[0].twistedBegin == 1 &&
           apart.hunks[0].twistedEnd == 1));
    CHECK((apart.hunks[1].oursBegin == 3 && apart.hunks[1].oursEnd == 3 && apart.hunks[1].twistedBegin == 2 &&
           apart.hunks[1].twistedEnd == 4));
    CHECK((apart.hunks[2].oursBegin == 4 && apart.hunks[2].oursEnd == 5 && apart.hunks[2].twistedEnd == 5));

    TwinAlignment onlyOne = alignTwins({}, {"a", "b"});
    REQUIRE(onlyOne.hunks.size() == 1);
    CHECK(onlyOne.hunks[0].twistedEnd == 2);
}

TEST_CASE("Twin diff: every difference listed exits 0; an unlisted one, or one listed more often than it occurs, exits 1 and is named") {
    std::string ours = fileOf("twin-ours.jsonl", {R"("kind":"run_begin")", R"("kind":"timers_run","due":0)",
                                                  R"("kind":"stop")", R"("kind":"run_end")"});
    std::string twisted = fileOf("twin-twisted.jsonl", {R"("kind":"run_begin")", R"("kind":"timers_run","due":1)",
                                                        R"("kind":"timer_fired","timer":1)", R"("kind":"stop")",
                                                        R"("kind":"iteration_begin")", R"("kind":"run_end")"});
    std::string listed = file("twin-listed.json", R"({"differences":[
        {"id":"extra-timer","reason":"r","ours":[{"kind":"timers_run","due":0}],"twisted":[{"kind":"timers_run","due":1},{"kind":"timer_fired"}]},
        {"id":"extra-turn","reason":"r","ours":[],"twisted":[{"kind":"iteration_begin"}]}]})");
    std::ostringstream out, err;
    CHECK(runTwinDiff(listed, ours, twisted, false, out, err) == kExitOk);
    CHECK(out.str().find("every difference is listed") != std::string::npos);

    std::string missing = file("twin-missing.json", R"({"differences":[
        {"id":"extra-timer","reason":"r","ours":[{"kind":"timers_run","due":0}],"twisted":[{"kind":"timers_run","due":1},{"kind":"timer_fired"}]}]})");
    std::ostringstream out2, err2;
    CHECK(runTwinDiff(missing, ours, twisted, false, out2, err2) == kExitProblems);
    CHECK(out2.str().find("unlisted difference 2 (ours none, Twisted line 6)") != std::string::npos);
    CHECK(out2.str().find(R"(+ )" + twisted + R"(:6  {"t":0,"kind":"iteration_begin"})") != std::string::npos);
    CHECK(out2.str().find(R"({"id":"?","reason":"?","ours":[],"twisted":[{"t":0,"kind":"iteration_begin"}]})") != std::string::npos);

    std::string stale = file("twin-stale.json", R"({"differences":[
        {"id":"extra-timer","reason":"r","ours":[{"kind":"timers_run","due":0}],"twisted":[{"kind":"timers_run","due":1},{"kind":"timer_fired"}]},
        {"id":"extra-turn","reason":"r","ours":[],"twisted":[{"kind":"iteration_begin"}],"occurs":2}]})");
    std::ostringstream out3, err3;
    CHECK(runTwinDiff(stale, ours, twisted, false, out3, err3) == kExitProblems);
    CHECK(out3.str().find("listed difference \"extra-turn\" occurs 1 time; " + stale + " says 2") != std::string::npos);
}

TEST_CASE("Twin diff: a table with a misspelt key, a pattern without a kind or no differences is an error naming the file") {
    auto problem = [](const std::string& text) {
        try {
            parseTwinTable(text, "lessons/x/twin.json");
        } catch (const std::runtime_error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(problem("[1]") == "lessons/x/twin.json: must be a JSON object");
    CHECK(problem("{}") == "lessons/x/twin.json: needs \"differences\": a list (empty when the traces match)");
    CHECK(problem(R"({"differences":[],"nmaes":{}})") == "lessons/x/twin.json: has an unknown key \"nmaes\"");
    CHECK(problem(R"({"differences":[{"id":"a","reason":"r","ours":[{"fd":1}],"twisted":[]}]})") ==
          "lessons/x/twin.json: difference \"a\": every pattern in \"ours\" must be an object with a \"kind\"");
    CHECK(problem(R"({"differences":[{"id":"a","reason":"r","ours":[],"twisted":[],"ocurs":2}]})") ==
          "lessons/x/twin.json: difference 1: has an unknown key \"ocurs\"");
    CHECK(problem(R"({"differences":[{"id":"a","reason":"","ours":[],"twisted":[]}]})") ==
          "lessons/x/twin.json: difference 1: needs a non-empty \"reason\"");
    std::ostringstream out, err;
    CHECK(runTwinDiff("/nonexistent/twin.json", "a", "b", false, out, err) == kExitUsage);
    CHECK(err.str().find("/nonexistent/twin.json: cannot open the twin table") != std::string::npos);
}
