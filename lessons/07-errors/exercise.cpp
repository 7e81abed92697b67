// Exercise 07: handle what you know, pass on what you don't.
//
// Your task (lessons/07-errors/lesson.md, "Exercise"): two lookups fail. The first with
// NotFound: recover with the name "guest", so the chain goes on and prints "hello, guest". The
// second with a std::logic_error: that is not yours to handle, so your NotFound errback must
// let it through (trap), and a last errback prints "gave up: <message>". Afterwards no Deferred
// may end with an unhandled Failure (no deferred_unhandled line, nothing on stderr).
// Check your work:  ./scripts/run --check-exercise 07
#include <iostream>
#include <stdexcept>

#include "deferred/defer_later.h"
#include "lesson_main.h"

using namespace std::chrono_literals;
using lab::Deferred;
using lab::Failure;
using lab::Value;

struct NotFound : std::runtime_error {
    using std::runtime_error::runtime_error;
};

namespace {

void greet(Deferred lookup) {
    lookup.addCallback([](const Value& name) { std::cout << "hello, " << name.get<std::string>() << "\n"; }, "greet");
    // Your code: an errback before "greet" for NotFound, and a last one for anything else.
}

}  // namespace

int main(int argc, char** argv) {
    return lesson::runLesson(argc, argv, "exercise-07-errors", [](lab::Reactor& reactor) {
        greet(lab::deferLater(reactor, 1s, []() -> Value { throw NotFound("no such user: 42"); }));
        greet(lab::deferLater(reactor, 2s, []() -> Value { throw std::logic_error("disk on fire"); }));
        reactor.callLater(3s, [&reactor] { reactor.stop(); });
    });
}
