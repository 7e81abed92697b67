// Reference solution of exercise 02 (lessons/02-reactor-pattern/exercise.cpp): a third handler,
// AlertReader, written to at 2 s with the others and closed at 6 s; the loop stops when all three
// have seen end of input. Tested in CI so the exercise stays solvable.
#include <iostream>
#include <memory>

#include "02-reactor-pattern/line_reader.h"
#include "lesson_main.h"

using namespace std::chrono_literals;

namespace {

void run(lab::Reactor& reactor) {
    pattern::Channel chat;
    pattern::Channel log;
    pattern::Channel alert;
    int open = 3;
    auto closed = [&] {
        if (--open == 0) reactor.stop();  // every handler saw end-of-file: we are done
    };
    pattern::LineReader chatReader(reactor, chat.inside, "ChatReader", closed);
    pattern::LineReader logReader(reactor, log.inside, "LogReader", closed);
    reactor.addReader(chatReader);
    reactor.addReader(logReader);
    pattern::LineReader alertReader(reactor, alert.inside, "AlertReader", closed);
    reactor.addReader(alertReader);

    reactor.callLater(2s, [&] {
        chat.send("how are you?\n");
        log.send("user joined\n");
        alert.send("disk almost full\n");  // three descriptors ready in the same turn
    });
    reactor.callLater(5s, [&] {
        chat.closeOutside();
        log.closeOutside();
    });
    reactor.callLater(6s, [&] { alert.closeOutside(); });
    reactor.run();
}

}  // namespace

int main(int argc, char** argv) {
    return lesson::withLessonReactor(argc, argv, "exercise-02-reactor-pattern", [&](lab::Reactor& reactor, lab::ManualClock&, const lesson::Args&) {
        run(reactor);
    });
}
