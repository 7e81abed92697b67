// Reference solution of exercise 04 (lessons/04-sync-vs-reactor/exercise.cpp): both counts go to
// the thread pool, gatherResults waits for the two. Tested in CI so the exercise stays solvable.
#include <iostream>

#include "04-sync-vs-reactor/primes.h"
#include "deferred/deferred_list.h"
#include "lesson_main.h"
#include "deferred/defer_to_thread.h"

int main(int argc, char** argv) {
    return lesson::runLesson(argc, argv, "exercise-04-sync-vs-reactor", [](lab::Reactor& reactor) {
        reactor.callWhenRunning([&reactor] {
            lab::Deferred small = lab::deferToThread(reactor, [] { return lab::Value(countPrimesBelow(100000)); });
            lab::Deferred large = lab::deferToThread(reactor, [] { return lab::Value(countPrimesBelow(200000)); });
            lab::gatherResults({small, large}).addCallback([&reactor](const lab::Value& both) {
                std::cout << "primes: " << both[0] << " and " << both[1] << "\n";
                reactor.stop();
            }, "print both");
        });
    });
}
