// Exercise 11: two fetches at once.
//
// Your task (lessons/11-coroutines/lesson.md, "Exercise"): the coroutine below fetches the name,
// waits for it, and only then fetches the score, so the card is ready at 4 s. Start both fetches
// before the first co_await of either, so they run at the same time and the card is ready at 3 s.
// The badge still gets its 2 s timeout, and the card must stay "ada: 41 points, badge: none".
// Check your work:  ./scripts/run --check-exercise 11
// lookupCache, fetch, describe and millis are the lesson's, in 11-coroutines/profile_service.h.
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
    Deferred nameFetch = profile::fetch(reactor, "name", id);
    Value name = co_await nameFetch;
    Deferred scoreFetch = profile::fetch(reactor, "score", id);
    Value score = co_await scoreFetch;
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
