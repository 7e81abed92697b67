// The check of exercise 05 (exercise.cpp): the chain waits on the score's Deferred and prints
// the score when it arrives. Run: ./scripts/run --check-exercise 05
#include "exercise_check.h"

int main(int argc, char** argv) {
    lesson::ExerciseCheck check(argc, argv, "Exercise 05 · a chain that waits");
    if (!check.run()) return check.finish();

    check.expect(!check.ofKind("deferred_paused").empty(), "the chain pauses on an inner Deferred",
                 "return fetchScore(reactor, user[\"id\"].get<int>()) from the callback, instead of calling it and dropping it");
    bool resumedAtScore = false;
    for (const auto* e : check.ofKind("deferred_resumed")) resumedAtScore |= e->value("t", 0LL) == 1'500'000'000LL;
    check.expect(resumedAtScore, "it resumes at 1.5 s, when the score is there",
                 "fetch the score only after the user arrived (1 s), from the callback");
    check.expect(check.output().find("ada scored 42") != std::string::npos, "the program prints \"ada scored 42\"",
                 "add a callback after the one that returns the score's Deferred: it gets the score");
    return check.finish();
}
