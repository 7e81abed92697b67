// Lesson 05: Deferreds. A result that is not there yet, and the chain of steps that will
// process it: a plain chain, a chain that waits on an inner Deferred, a DeferredList, and the
// same waiting written as a coroutine. Runs on a ManualClock, so its trace is the same every run.
//
// Run:   build/bin/lesson-05-deferreds --trace build/traces/05-deferreds.jsonl
// Read:  lessons/05-deferreds/lesson.md
#include <iostream>
#include <memory>
#include <string>

#include "core/reactor.h"
#include "deferred/coroutine.h"
#include "deferred/defer_later.h"
#include "deferred/deferred_list.h"
#include "deferred/deferred_tracing.h"
#include "lesson_main.h"

using namespace std::chrono_literals;
using lab::Deferred;
using lab::Value;

namespace {

// Part 1: a chain of two callbacks, fired by hand.
void plainChain() {
    Deferred d("plain chain");
    d.addCallback([](int x) { return x * 2; }, "double it");
    d.addCallback([](int x) { std::cout << "  part 1: the chain ends with " << x << "\n"; }, "print it");
    d.callback(21);
}

// Part 2: a callback returns a Deferred that fires a second later; the outer chain waits.
void waitOnInner(lab::Reactor& reactor) {
    Deferred d("lookup user");
    d.addCallback([&reactor](const Value& name) {
        return lab::deferLater(reactor, 1s, [name] { return Value{{"name", name}, {"id", 7}}; });
    }, "fetch record");
    d.addCallback([](const Value& record) {
        std::cout << "  part 2: record " << record.dump() << " after waiting\n";
    }, "print record");
    d.callback("ada");
}

// Part 3: two results gathered into one.
void gatherTwo(lab::Reactor& reactor) {
    Deferred fast = lab::deferLater(reactor, 1s, [] { return "fast"; });
    Deferred slow = lab::deferLater(reactor, 2s, [] { return "slow"; });
    lab::DeferredList both({fast, slow});
    both.addCallback([](const Value& pairs) { std::cout << "  part 3: " << pairs.dump() << "\n"; }, "print both");
}

// Part 4: part 2 again, written as a coroutine.
Deferred lookupUser(lab::Reactor& reactor, std::string name) {
    // The Deferred is named first: GCC 12 mishandles a lambda temporary inside a co_await
    // expression (see reactor/deferred/coroutine.h).
    Deferred fetch = lab::deferLater(reactor, 1s, [name] { return Value{{"name", name}, {"id", 8}}; });
    Value record = co_await fetch;
    std::cout << "  part 4: record " << record.dump() << " after co_await\n";
    co_return record["id"];
}

}  // namespace

int main(int argc, char** argv) {
    return lesson::withLessonReactor(argc, argv, "lesson-05-deferreds", [&](lab::Reactor& reactor, lab::ManualClock&, const lesson::Args&) {
        {
            lab::DeferredTracing tracing(reactor.tracer());
            plainChain();
            waitOnInner(reactor);
            gatherTwo(reactor);
            Deferred coroutine = lookupUser(reactor, "grace");
            coroutine.addCallback([](const Value& id) { std::cout << "  part 4: the coroutine returned " << id << "\n"; },
                                  "print id");
            reactor.callLater(3s, [&reactor] { reactor.stop(); });
            reactor.run();
        }
    });
}
