// Reference solution of exercise 07 (lessons/07-errors/exercise.cpp): trap NotFound and recover,
// let anything else through to a last errback. Tested in CI so the exercise stays solvable.
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
    lookup.addErrback([](Failure f) {
        f.trap<NotFound>();
        return Value("guest");
    }, "unknown user: a guest");
    lookup.addCallback([](const Value& name) { std::cout << "hello, " << name.get<std::string>() << "\n"; }, "greet");
    lookup.addErrback([](Failure f) { std::cout << "gave up: " << f.getErrorMessage() << "\n"; }, "give up");
}

}  // namespace

int main(int argc, char** argv) {
    return lesson::runLesson(argc, argv, "exercise-07-errors", [](lab::Reactor& reactor) {
        greet(lab::deferLater(reactor, 1s, []() -> Value { throw NotFound("no such user: 42"); }));
        greet(lab::deferLater(reactor, 2s, []() -> Value { throw std::logic_error("disk on fire"); }));
        reactor.callLater(3s, [&reactor] { reactor.stop(); });
    });
}
