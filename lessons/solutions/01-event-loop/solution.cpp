// Reference solution of exercise 01 (lessons/01-event-loop/exercise.cpp): each tick schedules
// the next, and the third stops the loop. Tested in CI so the exercise stays solvable.
#include <iostream>
#include <memory>

#include "core/reactor.h"
#include "lesson_main.h"

using namespace std::chrono_literals;

namespace {

void tick(lab::Reactor& reactor, int n) {
    std::cout << "tick " << n << "\n";
    if (n == 3) {
        reactor.stop();
        return;
    }
    reactor.callLater(1s, [&reactor, n] { tick(reactor, n + 1); });
}

}  // namespace

int main(int argc, char** argv) {
    return lesson::withLessonReactor(argc, argv, "exercise-01-event-loop", [&](lab::Reactor& reactor, lab::ManualClock&, const lesson::Args&) {
        reactor.callLater(1s, [&] { tick(reactor, 1); });
        reactor.run();
    });
}
