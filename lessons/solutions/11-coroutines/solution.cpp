// Reference solution of exercise 11 (lessons/11-coroutines/exercise.cpp): both fetches start
// before either is awaited, so they wait side by side and the card is ready at 3 s instead of 4 s.
// Tested in CI so the exercise stays solvable.
#include <iostream>

#include "11-coroutines/profile_service.h"
#include "deferred/coroutine.h"
#include "lesson_main.h"

using namespace std::chrono_literals;
using lab::Deferred;
using lab::Value;

namespace {

Deferred profileAsCoroutine(lab::Reactor& reactor) {
    Deferred cached = profile::lookupCache();
    Value id = co_await cached;
    // Both requests are in flight before the coroutine first suspends on either of them.
    Deferred nameFetch = profile::fetch(reactor, "name", id);
    Deferred scoreFetch = profile::fetch(reactor, "score", id);
    Value name = co_await nameFetch;
    Value score = co_await scoreFetch;  // due at the same 1 s as the name: no second wait
    Value badge;
    try {
        Deferred badgeFetch = profile::fetch(reactor, "badge", id);
        badgeFetch.addTimeout(2s, reactor);
        badge = co_await badgeFetch;
    } catch (const lab::TimeoutError&) {
        badge = "none";
    }
    co_return profile::describe(name, score, badge);
}

}  // namespace

int main(int argc, char** argv) {
    return lesson::runLesson(argc, argv, "exercise-11-coroutines", [](lab::Reactor& reactor) {
        Deferred card = profileAsCoroutine(reactor);
        card.addCallback([&reactor](const Value& result) {
            std::cout << "t=" << profile::millis(reactor) << "ms card: " << result << "\n";
        }, "print the card");
        reactor.callLater(10s, [&reactor] { reactor.stop(); });
    });
}
