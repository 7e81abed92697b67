// Exercise 04: two jobs on threads, one answer.
//
// Your task (lessons/04-sync-vs-reactor/lesson.md, "Exercise"): this program counts primes
// twice right on the reactor thread, so the loop can do nothing else meanwhile. Run both counts
// with lab::deferToThread (deferred/defer_to_thread.h) so they run at the same time on the pool,
// combine the two Deferreds with lab::gatherResults (deferred/deferred_list.h), and in its
// callback print "primes: 9592 and 17984" and stop the loop.
// Check your work:  ./scripts/run --check-exercise 04
#include <iostream>

#include "04-sync-vs-reactor/primes.h"
#include "lesson_main.h"

int main(int argc, char** argv) {
    return lesson::runLesson(argc, argv, "exercise-04-sync-vs-reactor", [](lab::Reactor& reactor) {
        reactor.callWhenRunning([&reactor] {
            long small = countPrimesBelow(100000);
            long large = countPrimesBelow(200000);
            std::cout << "primes: " << small << " and " << large << "\n";
            reactor.stop();
        });
    });
}
