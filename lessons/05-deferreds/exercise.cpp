// Exercise 05: a chain that waits.
//
// Your task (lessons/05-deferreds/lesson.md, "Exercise"): lookUpScore fetches a user, and must
// then fetch that user's score and print "ada scored 42". Fetch the score from a callback that
// *returns* fetchScore(...)'s Deferred: the outer chain then pauses until the score is there
// (a deferred_paused line in the trace), and the next callback gets the score.
// Check your work:  ./scripts/run --check-exercise 05
#include <iostream>

#include "deferred/defer_later.h"
#include "lesson_main.h"

using namespace std::chrono_literals;
using lab::Deferred;
using lab::Value;

// The two "services". Not in the anonymous namespace, so the compiler does not complain about
// fetchScore while your code does not call it yet.
Deferred fetchUser(lab::Reactor& reactor, std::string name) {
    return lab::deferLater(reactor, 1s, [name] { return Value{{"name", name}, {"id", 7}}; });
}

Deferred fetchScore(lab::Reactor& reactor, int id) {
    return lab::deferLater(reactor, 500ms, [id] { return Value(id * 6); });
}

namespace {

void lookUpScore(lab::Reactor& reactor, std::string name) {
    Deferred d = fetchUser(reactor, name);
    d.addCallback([](const Value& user) { std::cout << "got user " << user.dump() << "\n"; }, "print user");
    // Your code: fetch the user's score (user["id"]) and print "<name> scored <score>".
}

}  // namespace

int main(int argc, char** argv) {
    return lesson::runLesson(argc, argv, "exercise-05-deferreds", [](lab::Reactor& reactor) {
        lookUpScore(reactor, "ada");
        reactor.callLater(3s, [&reactor] { reactor.stop(); });
    });
}
