// The check of exercise 07 (exercise.cpp): NotFound recovered as "guest", the logic_error let
// through to a last errback, nothing unhandled. Run: ./scripts/run --check-exercise 07
#include "exercise_check.h"

int main(int argc, char** argv) {
    lesson::ExerciseCheck check(argc, argv, "Exercise 07 · handle what you know, pass on what you don't");
    if (!check.run()) return check.finish();

    bool recovered = false;
    for (const auto* e : check.ofKind("deferred_callback_ran")) {
        recovered |= e->value("side", "") == "errback" && e->value("next", "") == "callback";
    }
    check.expect(recovered && check.output().find("hello, guest") != std::string::npos,
                 "an errback recovers from NotFound and the chain prints \"hello, guest\"",
                 "add, before \"greet\", an errback that calls f.trap<NotFound>() and returns Value(\"guest\")");
    check.expect(check.output().find("gave up: disk on fire") != std::string::npos,
                 "the logic_error reaches a last errback, which prints \"gave up: disk on fire\"",
                 "add an errback after \"greet\" that prints f.getErrorMessage()");
    check.expect(check.ofKind("deferred_unhandled").empty() && check.output().find("hello, 42") == std::string::npos,
                 "no Deferred ends with an unhandled Failure",
                 "every chain needs an errback at its end; trap() re-raises what it does not name");
    return check.finish();
}
