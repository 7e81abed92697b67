// Lesson 07: errors. A failure travelling down the errback side, an errback that recovers,
// trap() letting unknown errors through, and a Deferred dropped with an unhandled Failure.
// Runs on a ManualClock, so the trace is the same every run.
//
// Run:   build/bin/lesson-07-errors --trace build/traces/07-errors.jsonl
// Read:  lessons/07-errors/lesson.md
#include <iostream>
#include <memory>
#include <stdexcept>

#include "core/reactor.h"
#include "deferred/defer_later.h"
#include "deferred/deferred_tracing.h"
#include "lesson_main.h"

using namespace std::chrono_literals;
using lab::Deferred;
using lab::Failure;
using lab::Value;

namespace {

struct NotFound : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Part 1: a callback throws; the next callback is skipped; an errback recovers with a default.
void recoverWithDefault() {
    Deferred d("read config");
    d.addCallback([](const Value& text) -> Value {
        if (text.get<std::string>().empty()) throw NotFound("config file is empty");
        return text;
    }, "parse config");
    d.addCallback([](const Value&) { return "parsed"; }, "use config");
    d.addErrback([](Failure f) {
        f.trap<NotFound>();
        std::cout << "  part 1: " << f.summary() << " -> using defaults\n";
        return "defaults";
    }, "fall back to defaults");
    d.addCallback([](const Value& v) { std::cout << "  part 1: the chain ends with " << v << "\n"; }, "print");
    d.callback("");
}

// Part 2: trap() handles only what it names; anything else goes on down the errback side.
void trapLetsOthersThrough(lab::Reactor& reactor) {
    Deferred d = lab::deferLater(reactor, 1s, []() -> Value { throw std::logic_error("disk on fire"); });
    d.addErrback([](Failure f) {
        f.trap<NotFound>();
        return "not reached";
    }, "handle NotFound only");
    d.addErrback([](Failure f) {
        std::cout << "  part 2: the second errback got " << f.summary() << "\n";
    }, "handle anything");
}

// Part 3: a Deferred whose chain ends in a Failure and that nobody keeps: reported when freed.
void forgetAFailure(lab::Reactor& reactor) {
    Deferred d = lab::deferLater(reactor, 2s, []() -> Value { throw std::runtime_error("nobody listened"); });
    d.addCallback([](const Value&) { std::cout << "  part 3: not reached\n"; }, "only a callback");
    // d goes out of scope here, but the timer still holds it; once the timer has run and
    // released it, it is destroyed holding its Failure.
}

}  // namespace

int main(int argc, char** argv) {
    return lesson::withLessonReactor(argc, argv, "lesson-07-errors", [&](lab::Reactor& reactor, lab::ManualClock&, const lesson::Args&) {
        {
            lab::DeferredTracing tracing(reactor.tracer());
            recoverWithDefault();
            trapLetsOthersThrough(reactor);
            forgetAFailure(reactor);
            reactor.callLater(3s, [&] { reactor.stop(); });
            std::cout << "  (part 3's report goes to stderr)\n";
            reactor.run();
        }
    });
}
