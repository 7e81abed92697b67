// Exercise 01: a clock that ticks by itself.
//
// Your task (lessons/01-event-loop/lesson.md, "Exercise"):
//   1. Make tick() print "tick N" at 1 s, 2 s and 3 s. main schedules only the first tick;
//      every tick schedules the next one itself with reactor.callLater.
//   2. In the third tick, stop the loop with reactor.stop(), so run() returns at 3 s.
// Check your work:  ./scripts/run --check-exercise 01
// This file is your copy of the starting point; the lesson's program.cpp stays as it was.
#include <iostream>
#include <memory>

#include "core/reactor.h"
#include "lesson_main.h"

using namespace std::chrono_literals;

namespace {

void tick(lab::Reactor& reactor, int n) {
    std::cout << "tick " << n << "\n";
    // Your code: schedule the next tick, or stop the loop after the third.
    (void)reactor;
}

}  // namespace

int main(int argc, char** argv) {
    return lesson::withLessonReactor(argc, argv, "exercise-01-event-loop", [&](lab::Reactor& reactor, lab::ManualClock&, const lesson::Args&) {
        reactor.callLater(1s, [&] { tick(reactor, 1); });
        reactor.callLater(5s, [&] { reactor.stop(); });  // a safety net: remove it when your ticks stop the loop
        reactor.run();
    });
}
