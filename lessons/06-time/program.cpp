// Lesson 06: time. callLater, LoopingCall (and what it does when the loop falls behind),
// deferLater, and addTimeout, all on a ManualClock, so the trace is the same every run.
//
// Run:   build/bin/lesson-06-time --trace build/traces/06-time.jsonl
// Read:  lessons/06-time/lesson.md
#include <iostream>
#include <memory>

#include "core/reactor.h"
#include "deferred/defer_later.h"
#include "deferred/deferred_tracing.h"
#include "lesson_main.h"
#include "deferred/looping_call.h"

using namespace std::chrono_literals;
using lab::Deferred;
using lab::Value;

namespace {

long seconds(const lab::Reactor& reactor) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(reactor.now().time_since_epoch()).count();
}

void run(lab::Reactor& reactor, lab::ManualClock& clock) {
    // A heartbeat every second; it prints how many beats passed since the last one it saw.
    lab::LoopingCall heartbeat(reactor, [&](std::uint64_t count) {
        std::cout << "  t=" << seconds(reactor) << "ms heartbeat, intervals since last: " << count << "\n";
    });
    Deferred beats = heartbeat.start(1s);
    beats.addCallback([](int calls) { std::cout << "  heartbeat stopped after " << calls << " calls\n"; },
                      "heartbeat done");

    // At 2.2s a slow call "blocks" the loop for 2.5s: on a ManualClock, that is moving the clock.
    reactor.callLater(2200ms, [&] {
        std::cout << "  t=" << seconds(reactor) << "ms slow call starts (2.5s of work)\n";
        clock.advance(2500ms);
    });

    // deferLater: a result in 3 seconds.
    Deferred later = lab::deferLater(reactor, 3s, [] { return "three seconds later"; });
    later.addCallback([&](const Value& v) { std::cout << "  t=" << seconds(reactor) << "ms " << v << "\n"; },
                      "print it");

    // addTimeout: one answer arrives in time, the other does not.
    Deferred quick = lab::deferLater(reactor, 1s, [] { return "quick answer"; });
    quick.addTimeout(2s, reactor);
    Deferred stuck("stuck request");
    stuck.addTimeout(2s, reactor);
    stuck.addErrback([&](lab::Failure f) {
        std::cout << "  t=" << seconds(reactor) << "ms stuck request: " << f.summary() << "\n";
    }, "report timeout");

    reactor.callLater(6s, [&] {
        heartbeat.stop();
        reactor.stop();
    });
    reactor.run();
}

}  // namespace

int main(int argc, char** argv) {
    return lesson::withLessonReactor(argc, argv, "lesson-06-time", [&](lab::Reactor& reactor, lab::ManualClock& clock, const lesson::Args&) {
        {
            lab::DeferredTracing tracing(reactor.tracer());
            run(reactor, clock);
        }
    });
}
