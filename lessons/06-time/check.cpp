// The check of exercise 06 (exercise.cpp): three beats, then the heartbeat stops itself; the
// lookup times out at 500 ms and an errback handles it. Run: ./scripts/run --check-exercise 06
#include "exercise_check.h"

namespace {

std::size_t countOf(const std::string& text, const std::string& word) {
    std::size_t n = 0;
    for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) ++n;
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    lesson::ExerciseCheck check(argc, argv, "Exercise 06 · a heartbeat that stops, and a lookup that gives up");
    if (!check.run()) return check.finish();

    check.expect(countOf(check.output(), "beat ") == 3 && check.output().find("beat 3 at 2000 ms") != std::string::npos,
                 "the heartbeat beats three times, the last at 2 s",
                 "call heartbeat->stop() inside the beat when it is the third (capture heartbeat by reference)");
    auto timedOut = check.ofKind("deferred_timed_out");
    check.expect(timedOut.size() == 1 && timedOut[0]->value("t", 0LL) == 500'000'000LL,
                 "the lookup times out at 500 ms", "lookup.addTimeout(500ms, reactor) right after deferLater");
    check.expect(check.output().find("lookup timed out") != std::string::npos && check.ofKind("deferred_unhandled").empty(),
                 "an errback handles the timeout and prints \"lookup timed out\"",
                 "add an errback that traps lab::TimeoutError and prints the line");
    return check.finish();
}
