// The check of exercise 09 (exercise.cpp): bob hangs up at 1.5 s, the first event reaches three
// clients, the second two, and the server saw bob's connection end in between.
// Run: ./scripts/run --check-exercise 09
#include <cstdint>
#include <set>

#include "exercise_check.h"

int main(int argc, char** argv) {
    lesson::ExerciseCheck check(argc, argv, "Exercise 09 · a client that leaves early");
    if (!check.run()) return check.finish();

    auto broadcasts = check.ofKind("sse_broadcast");
    auto reached = [&](std::size_t i) { return i < broadcasts.size() ? broadcasts[i]->value("clients", -1) : -1; };
    check.expect(broadcasts.size() == 2 && reached(0) == 3, "the first event, at 1 s, reached all three clients",
                 "bob must still be there at 1 s: hang up at 1500ms, not earlier");
    check.expect(reached(1) == 2, "the second event, at 2 s, reached two clients",
                 "at 1.5 s call clients[1]->disconnect() from a reactor.callLater(1500ms, ...) in the lambda");

    // The moment the broadcaster learned: a server-side connection_closed between the broadcasts.
    std::int64_t first = broadcasts.size() == 2 ? broadcasts[0]->value("t", std::int64_t{0}) : 0;
    std::int64_t second = broadcasts.size() == 2 ? broadcasts[1]->value("t", std::int64_t{0}) : 0;
    std::set<std::int64_t> serverSide;
    for (const auto* e : check.ofKind("connection_made")) {
        if (e->value("side", "") == "server") serverSide.insert(e->value("connection", std::int64_t{0}));
    }
    int closedBetween = 0;
    for (const auto* e : check.ofKind("connection_closed")) {
        std::int64_t t = e->value("t", std::int64_t{0});
        closedBetween += serverSide.count(e->value("connection", std::int64_t{0})) && t > first && t < second;
    }
    check.expect(closedBetween == 1, "exactly one server connection closed between the two broadcasts (bob's)",
                 "only bob leaves early; alice and carol hang up at 3 s with everyone else");

    const std::string& out = check.output();
    check.expect(out.find("bob got: the kettle is on") != std::string::npos &&
                     out.find("bob got: tea is ready") == std::string::npos &&
                     out.find("alice got: tea is ready") != std::string::npos &&
                     out.find("carol got: tea is ready") != std::string::npos,
                 "bob printed the first event only; alice and carol printed both",
                 "disconnect clients[1] (bob), not another client");
    return check.finish();
}
