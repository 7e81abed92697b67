// The check of exercise 04 (exercise.cpp): two jobs on the thread pool at the same time, their
// results combined by gatherResults, then the loop stops. Run: ./scripts/run --check-exercise 04
#include "exercise_check.h"

int main(int argc, char** argv) {
    lesson::ExerciseCheck check(argc, argv, "Exercise 04 · two jobs on threads, one answer");
    if (!check.run()) return check.finish();

    auto queued = check.ofKind("thread_job_queued");
    auto done = check.ofKind("thread_job_done");
    check.expect(queued.size() == 2 && done.size() == 2, "two jobs go to the thread pool and both come back",
                 "call lab::deferToThread(reactor, ...) once per count instead of counting on the reactor thread");
    bool together = queued.size() == 2 && !done.empty() &&
                    queued[1]->value("seq", 0) < done.front()->value("seq", 0);
    check.expect(together, "both jobs are queued before either is done, so they run at the same time",
                 "start both deferToThread calls first, then wait for both with gatherResults");
    check.expect(check.output().find("primes: 9592 and 17984") != std::string::npos,
                 "the program prints \"primes: 9592 and 17984\"",
                 "print both[0] and both[1] in the callback of gatherResults({small, large})");
    check.expect(check.ofKind("stop").size() == 1, "the loop is stopped once the answer is printed",
                 "call reactor.stop() in that callback");
    return check.finish();
}
