// Lesson 11: coroutines. One small client written twice: as a chain of callbacks and errbacks,
// and as a coroutine that co_awaits each Deferred (Twisted's inlineCallbacks / async def). Both
// look up a user id in a cache, fetch a name and a score, give up on a slow badge after a
// timeout, and combine the answers; the program checks that both arrive at the same card.
// The "server" is deferLater on a ManualClock: no network, and the same trace on every run.
//
// Run:   build/bin/lesson-11-coroutines --trace build/traces/11-coroutines.jsonl
// Read:  lessons/11-coroutines/lesson.md
#include <chrono>
#include <iostream>
#include <memory>
#include <string>

#include "11-coroutines/profile_service.h"
#include "core/reactor.h"
#include "deferred/coroutine.h"
#include "deferred/deferred_tracing.h"
#include "lesson_main.h"

using namespace std::chrono_literals;
using lab::Deferred;
using lab::Failure;
using lab::Value;

namespace {

using profile::describe;
using profile::fetch;
using profile::lookupCache;
using profile::millis;

// Version 1: a chain of callbacks. What one step learns and a later step needs (the name, the
// score) has to live outside the steps, here in `card`, shared by the lambdas.
Deferred profileWithCallbacks(lab::Reactor& reactor) {
    auto card = std::make_shared<Value>(Value::object());
    Deferred d = lookupCache();
    d.addCallback([&reactor, card](const Value& id) {
        (*card)["id"] = id;
        return fetch(reactor, "name", id);
    }, "fetch name");
    d.addCallback([&reactor, card](const Value& name) {
        (*card)["name"] = name;
        return fetch(reactor, "score", (*card)["id"]);
    }, "fetch score");
    d.addCallback([&reactor, card](const Value& score) {
        (*card)["score"] = score;
        Deferred badge = fetch(reactor, "badge", (*card)["id"]);
        badge.addTimeout(2s, reactor);
        // On the badge's own chain, so it handles only the badge's failure, as the coroutine's
        // try/catch does.
        badge.addErrback([&reactor](Failure f) {
            f.trap<lab::TimeoutError>();
            std::cout << "  t=" << millis(reactor) << "ms callbacks: " << f.summary() << " -> no badge\n";
            return "none";
        }, "no badge in time");
        return badge;
    }, "fetch badge");
    d.addCallback([card](const Value& badge) { return describe((*card)["name"], (*card)["score"], badge); },
                  "combine");
    return d;
}

// Version 2: the same client as a coroutine. The locals live in the coroutine frame across
// every suspension. Each Deferred is named before it is awaited: GCC 12 mishandles a lambda
// temporary inside a co_await expression (see reactor/deferred/coroutine.h).
Deferred profileAsCoroutine(lab::Reactor& reactor) {
    Deferred cached = lookupCache();
    Value id = co_await cached;
    Deferred nameFetch = fetch(reactor, "name", id);
    Value name = co_await nameFetch;
    Deferred scoreFetch = fetch(reactor, "score", id);
    Value score = co_await scoreFetch;
    Value badge;
    try {
        Deferred badgeFetch = fetch(reactor, "badge", id);
        badgeFetch.addTimeout(2s, reactor);
        badge = co_await badgeFetch;
    } catch (const lab::TimeoutError& e) {
        std::cout << "  t=" << millis(reactor) << "ms coroutine: lab::TimeoutError: " << e.what() << " -> no badge\n";
        badge = "none";
    }
    co_return describe(name, score, badge);
}

}  // namespace

int main(int argc, char** argv) {
    return lesson::withLessonReactor(argc, argv, "lesson-11-coroutines", [&](lab::Reactor& reactor, lab::ManualClock&, const lesson::Args&) {
        Value viaCallbacks;
        Value viaCoroutine;
        {
            lab::DeferredTracing tracing(reactor.tracer());
            Deferred first = profileWithCallbacks(reactor);
            first.addCallback([&](const Value& card) {
                viaCallbacks = card;
                std::cout << "  t=" << millis(reactor) << "ms callbacks: " << card << "\n";
            }, "keep the result");
            // The coroutine version starts at 10 s, so the two runs stand apart in the trace.
            reactor.callLater(10s, [&] {
                Deferred second = profileAsCoroutine(reactor);
                second.addCallback([&](const Value& card) {
                    viaCoroutine = card;
                    std::cout << "  t=" << millis(reactor) << "ms coroutine: " << card << "\n";
                }, "keep the result");
            });
            reactor.callLater(20s, [&] { reactor.stop(); });
            reactor.run();
        }
        if (viaCallbacks.is_null() || viaCallbacks != viaCoroutine) {
            std::cerr << argv[0] << ": the two versions disagree: " << viaCallbacks << " vs " << viaCoroutine << "\n";
            return 1;
        }
        std::cout << "  both versions agree: " << viaCallbacks << "\n";
        return 0;
    });
}
