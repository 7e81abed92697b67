// Reference solution of exercise 06 (lessons/06-time/exercise.cpp): the beat stops its own
// LoopingCall, and the lookup has a timeout with an errback. Tested in CI so the exercise stays solvable.
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
        heartbeat = std::make_unique<lab::LoopingCall>(reactor, [&reactor, &heartbeat, beats]() mutable {
            std::cout << "beat " << ++beats << " at " << reactor.now().time_since_epoch().count() / 1'000'000 << " ms\n";
            if (beats == 3) heartbeat->stop();
        });
        heartbeat->start(1s);

        Deferred lookup = lab::deferLater(reactor, 2s, [] { return Value("the answer"); });
        lookup.addTimeout(500ms, reactor);
        lookup.addCallback([](const Value& v) { std::cout << "lookup gave " << v << "\n"; }, "print answer");
        lookup.addErrback([](lab::Failure f) {
            f.trap<lab::TimeoutError>();
            std::cout << "lookup timed out\n";
        }, "say it timed out");

        reactor.callLater(3s, [&reactor] { reactor.stop(); });
    });
}
