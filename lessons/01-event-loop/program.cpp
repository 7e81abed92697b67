// Lesson 01: the event loop (article 2.1.2), twice.
//
// Part 1 is the loop from the article written out by hand: a queue of events and a `while` that
// takes one event at a time and hands it to its handler. Part 2 is the same idea on the reactor:
// the events are timers, and each turn of the loop is one call to Reactor::runOnce(), which
// runs due timers, computes how long it may wait, waits, and dispatches what became ready.
// Part 2 runs on a ManualClock, so its trace is the same on every run.
//
// Run:   build/bin/lesson-01-event-loop --trace build/traces/01-event-loop.jsonl
// Read:  lessons/01-event-loop/lesson.md
#include <deque>
#include <functional>
#include <iostream>
#include <memory>
#include <string>

#include "core/reactor.h"
#include "lesson_main.h"

using namespace std::chrono_literals;

namespace {

// Part 1: a bare event loop. An event is a name and a payload; the handler table maps names to code.
struct Event {
    std::string name;
    std::string payload;
};

void bareEventLoop() {
    std::deque<Event> eventQueue{{"connect", "client 1"}, {"message", "hello"}, {"message", "world"},
                                 {"disconnect", "client 1"}};
    auto handleEvent = [&](const Event& event) {
        if (event.name == "message" && event.payload == "hello") {
            // A handler may cause new events: they join the back of the queue.
            eventQueue.push_back({"message", "(reply to hello)"});
        }
        std::cout << "  handled " << event.name << ": " << event.payload << "\n";
    };
    while (!eventQueue.empty()) {
        Event event = eventQueue.front();
        eventQueue.pop_front();
        handleEvent(event);
    }
    std::cout << "  no events left: the bare loop ends\n";
}

// Part 2: the reactor's loop, one runOnce() per turn, with timers as the event source.
void reactorEventLoop(lab::Reactor& reactor) {
    bool done = false;
    auto say = [&](const std::string& what) {
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(reactor.now().time_since_epoch());
        std::cout << "  t=" << ms.count() << "ms  " << what << "\n";
    };
    reactor.callLater(1s, [&] { say("timer A fired"); });
    reactor.callLater(2s, [&] { say("timer B fired (due at 2s, scheduled first)"); });
    reactor.callLater(2s, [&] { say("timer C fired (due at 2s, scheduled second)"); });
    auto never = reactor.callLater(3s, [&] { say("timer D fired (it should not: it was cancelled)"); });
    never->cancel();
    reactor.callLater(4s, [&] {
        say("timer E fired: that was the last event");
        done = true;
    });
    int turns = 0;
    while (!done) {
        reactor.runOnce();
        ++turns;
    }
    std::cout << "  the loop turned " << turns << " times\n";
}

}  // namespace

int main(int argc, char** argv) {
    return lesson::withLessonReactor(argc, argv, "lesson-01-event-loop", [](lab::Reactor& reactor, lab::ManualClock&, const lesson::Args& args) {
        std::cout << "Part 1: a bare event loop\n";
        bareEventLoop();

        std::cout << "Part 2: the reactor's loop, one runOnce() per turn (" << args.backend << ", manual clock)\n";
        reactorEventLoop(reactor);
    });
}
