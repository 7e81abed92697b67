// Exercise 02: a third handler.
//
// Your task (lessons/02-reactor-pattern/lesson.md, "Exercise"):
//   1. Add a third Channel and a third LineReader on it, named "AlertReader", and register it.
//   2. At 2 s write "disk almost full\n" into it, in the same timer as the other two writes.
//   3. Close its outside end at 6 s, a second after the others, and make the loop stop only when
//      all three handlers have seen end of input.
// Check your work:  ./scripts/run --check-exercise 02
// LineReader and Channel are in 02-reactor-pattern/line_reader.h; they stay as they are.
#include <iostream>
#include <memory>

#include "02-reactor-pattern/line_reader.h"
#include "lesson_main.h"

using namespace std::chrono_literals;

namespace {

void run(lab::Reactor& reactor) {
    pattern::Channel chat;
    pattern::Channel log;
    int open = 2;
    auto closed = [&] {
        if (--open == 0) reactor.stop();  // every handler saw end-of-file: we are done
    };
    pattern::LineReader chatReader(reactor, chat.inside, "ChatReader", closed);
    pattern::LineReader logReader(reactor, log.inside, "LogReader", closed);
    reactor.addReader(chatReader);
    reactor.addReader(logReader);
    // Your code: a third Channel and LineReader named "AlertReader", registered like these.

    reactor.callLater(2s, [&] {
        chat.send("how are you?\n");
        log.send("user joined\n");
    });
    reactor.callLater(5s, [&] {
        chat.closeOutside();
        log.closeOutside();
    });
    // Your code: close AlertReader's channel at 6 s.
    reactor.run();
}

}  // namespace

int main(int argc, char** argv) {
    return lesson::withLessonReactor(argc, argv, "exercise-02-reactor-pattern", [&](lab::Reactor& reactor, lab::ManualClock&, const lesson::Args&) {
        run(reactor);
    });
}
