// Your playground: a program of your own against reactor-lab's library.
//   ./scripts/run --play THIS_FILE   builds it, runs it with --trace, and opens its replay.
// It runs on a ManualClock (lessons/lesson_main.h): when nothing is ready, time jumps to the next
// timer, so every run writes the same trace. Change anything and run it again: add timers
// (lesson 01), a handler (lesson 02), a server (lesson 03), Deferreds (lesson 05).
// The loop must be told to stop: here the last timer does it.
#include <chrono>
#include <iostream>

#include "deferred/defer_later.h"
#include "deferred/deferred.h"
#include "lesson_main.h"

using namespace std::chrono_literals;

int main(int argc, char** argv) {
    return lesson::runLesson(argc, argv, "playground", [](lab::Reactor& reactor) {
        reactor.callLater(1s, [] { std::cout << "timer: one second in\n"; });
        lab::Deferred answer = lab::deferLater(reactor, 2s, [] { return 42; });
        answer.addCallback([](int x) { std::cout << "Deferred: the answer is " << x << "\n"; }, "print the answer");
        reactor.callLater(3s, [&reactor] {
            std::cout << "timer: three seconds, stopping the loop\n";
            reactor.stop();
        });
    });
}
