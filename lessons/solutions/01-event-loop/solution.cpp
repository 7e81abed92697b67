// Reference solution of exercise 01 (lessons/01-event-loop/exercise.cpp): each tick schedules
// the next, and the third stops the loop. Tested in CI so the exercise stays solvable.
#include <iostream>
#include <memory>

#include "core/reactor.h"
#include "lesson_args.h"
#include "trace/json_lines_sink.h"

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
    lesson::Args args = lesson::parseArgs(argc, argv);
    try {
        std::unique_ptr<lab::JsonLinesSink> sink;
        if (!args.trace.empty()) sink = std::make_unique<lab::JsonLinesSink>(args.trace);
        lab::ManualClock clock;
        lab::Reactor reactor({args.backend, &clock, sink.get(), "exercise-01-event-loop"});
        reactor.callLater(1s, [&] { tick(reactor, 1); });
        reactor.run();
        if (sink) sink->close();
    } catch (const std::exception& e) {
        std::cerr << argv[0] << ": " << e.what() << "\n";
        return 1;
    }
    return 0;
}
