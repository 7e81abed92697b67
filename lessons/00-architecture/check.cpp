// The check of exercise 00 (exercise.cpp): two questions on one connection, two Deferreds, two
// answers printed, one connection. Run: ./scripts/run --check-exercise 00
#include "exercise_check.h"

int main(int argc, char** argv) {
    lesson::ExerciseCheck check(argc, argv, "Exercise 00 · two questions on one connection");
    if (!check.run()) return check.finish();

    check.expect(check.ofKind("deferred_created").size() == 2, "the server made two Deferreds, one per question",
                 "send the second line (\"deferred\") from lineReceived, after the first answer arrived");
    check.expect(check.ofKind("timer_fired").size() == 2, "two lookups finished (two timers fired)",
                 "each question starts a 100 ms lookup: ask twice");
    std::size_t serverConnections = 0;
    for (const auto* e : check.ofKind("connection_made")) serverConnections += e->value("side", "") == "server";
    check.expect(serverConnections == 1, "both questions went over one connection",
                 "write the second question on the same transport instead of connecting again");
    const std::string& out = check.output();
    check.expect(out.find("Don't call us, we'll call you.") != std::string::npos &&
                     out.find("A result that is not there yet.") != std::string::npos,
                 "the client printed both answers", "print every line the client receives");
    return check.finish();
}
