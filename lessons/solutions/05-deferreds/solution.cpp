// Reference solution of exercise 05 (lessons/05-deferreds/exercise.cpp): a callback returns the
// score's Deferred, so the chain waits for it. Tested in CI so the exercise stays solvable.
#include <iostream>

#include "deferred/defer_later.h"
#include "lesson_main.h"

using namespace std::chrono_literals;
using lab::Deferred;
using lab::Value;

// The two "services", as in the starting file.
Deferred fetchUser(lab::Reactor& reactor, std::string name) {
    return lab::deferLater(reactor, 1s, [name] { return Value{{"name", name}, {"id", 7}}; });
}

Deferred fetchScore(lab::Reactor& reactor, int id) {
    return lab::deferLater(reactor, 500ms, [id] { return Value(id * 6); });
}

namespace {

void lookUpScore(lab::Reactor& reactor, std::string name) {
    Deferred d = fetchUser(reactor, name);
    d.addCallback([&reactor](const Value& user) {
        std::cout << "got user " << user.dump() << "\n";
        return fetchScore(reactor, user["id"].get<int>());
    }, "fetch score");
    d.addCallback([name](const Value& score) { std::cout << name << " scored " << score << "\n"; }, "print score");
}

}  // namespace

int main(int argc, char** argv) {
    return lesson::runLesson(argc, argv, "exercise-05-deferreds", [](lab::Reactor& reactor) {
        lookUpScore(reactor, "ada");
        reactor.callLater(3s, [&reactor] { reactor.stop(); });
    });
}
