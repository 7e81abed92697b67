// Lesson 02: the Reactor pattern (article 2.2.1-2.2.2).
//
// Two handlers, each a Handler that owns one end of a socketpair, are registered with the
// reactor for reading. Timers play the outside world: they write lines into the other ends and
// finally close them. The reactor never calls a handler until the backend says its descriptor
// is readable, and then calls exactly that handler: that is the whole pattern. Run it with
// --backend select and --backend poll: the traces differ only in their header.
//
// Run:   build/bin/lesson-02-reactor-pattern --trace build/traces/02-reactor-pattern.jsonl
// Read:  lessons/02-reactor-pattern/lesson.md
#include <iostream>
#include <memory>

#include "02-reactor-pattern/line_reader.h"
#include "lesson_main.h"

using namespace std::chrono_literals;

namespace {

using pattern::Channel;
using pattern::LineReader;

void run(lab::Reactor& reactor) {
    Channel chat;
    Channel log;
    int open = 2;
    auto closed = [&] {
        if (--open == 0) reactor.stop();  // both handlers saw end-of-file: we are done
    };
    LineReader chatReader(reactor, chat.inside, "ChatReader", closed);
    LineReader logReader(reactor, log.inside, "LogReader", closed);

    // Register the handlers: from now on the reactor demultiplexes readiness to them.
    reactor.addReader(chatReader);
    reactor.addReader(logReader);

    // The outside world, on a timetable.
    reactor.callLater(1s, [&] { chat.send("hello\n"); });
    reactor.callLater(2s, [&] {
        chat.send("how are you?\n");
        log.send("user joined\n");  // both descriptors are ready in the same turn
    });
    reactor.callLater(3s, [&] { chat.send("part of a line..."); });
    reactor.callLater(4s, [&] { chat.send(" and its end\n"); });
    reactor.callLater(5s, [&] {
        chat.closeOutside();
        log.closeOutside();
    });
    reactor.run();
}

}  // namespace

int main(int argc, char** argv) {
    return lesson::withLessonReactor(argc, argv, "lesson-02-reactor-pattern", [&](lab::Reactor& reactor, lab::ManualClock&, const lesson::Args&) {
        std::cout << "The Reactor pattern on " << reactor.backendName() << " (manual clock)\n";
        run(reactor);
    });
}
