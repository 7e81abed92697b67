// Exercise 06: a heartbeat that stops, and a lookup that gives up.
//
// Your task (lessons/06-time/lesson.md, "Exercise"):
//   1. The heartbeat beats every second, starting at once. Make it stop itself after its third
//      beat (beats at 0 s, 1 s and 2 s), by calling heartbeat.stop() from inside the beat.
//   2. The lookup takes 2 s. Give it a timeout of 500 ms (addTimeout) and add an errback that
//      prints "lookup timed out" when that happens (the Failure holds a lab::TimeoutError).
// The loop stops at 3 s. Check your work:  ./scripts/run --check-exercise 06
#include <iostream>

#include "deferred/defer_later.h"
#include "lesson_main.h"
#include "deferred/looping_call.h"

using namespace std::chrono_literals;
using lab::Deferred;
using lab::Value;

int main(int argc, char** argv) {
    std::unique_ptr<lab::LoopingCall> heartbeat;
    return lesson::runLesson(argc, argv, "exercise-06-time", [&](lab::Reactor& reactor) {
        int beats = 0;
        heartbeat = std::make_unique<lab::LoopingCall>(reactor, [&reactor, beats]() mutable {
            std::cout << "beat " << ++beats << " at " << reactor.now().time_since_epoch().count() / 1'000'000 << " ms\n";
            // Your code (1): stop after the third beat.
        });
        heartbeat->start(1s);

        Deferred lookup = lab::deferLater(reactor, 2s, [] { return Value("the answer"); });
        // Your code (2): a 500 ms timeout, and an errback that prints "lookup timed out".
        lookup.addCallback([](const Value& v) { std::cout << "lookup gave " << v << "\n"; }, "print answer");

        reactor.callLater(3s, [&reactor] { reactor.stop(); });
    });
}
