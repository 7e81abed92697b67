// The main() that every lesson program and exercise shares, in two sizes:
//
//   withLessonReactor(argc, argv, program, body): parses the lesson flags (lesson_args.h), opens
//     the trace file, makes a reactor on a ManualClock, calls body(reactor, clock, args) (which
//     does the lesson's own work, turning the loop itself), and closes the trace so a write error
//     (a full disk) is reported instead of losing the trace's end. body may return main's exit
//     code; if it returns nothing, 0.
//   runLesson(argc, argv, program, body): the same with Deferred tracing on, for the lessons whose
//     body only sets things up: body(reactor) must arrange for the loop to stop; runLesson runs it.
//
// Both return main's exit code: body's, or 1 after printing an exception that escaped.
#pragma once

#include <iostream>
#include <memory>
#include <string>
#include <type_traits>

#include "clock/clock.h"
#include "core/reactor.h"
#include "deferred/deferred_tracing.h"
#include "lesson_args.h"
#include "trace/json_lines_sink.h"

namespace lesson {

template <typename Body>
int withLessonReactor(int argc, char** argv, const std::string& program, Body body) {
    Args args = parseArgs(argc, argv);
    try {
        std::unique_ptr<lab::JsonLinesSink> sink;
        if (!args.trace.empty()) sink = std::make_unique<lab::JsonLinesSink>(args.trace);
        lab::ManualClock clock;
        lab::Reactor reactor({args.backend, &clock, sink.get(), program});
        int code = 0;
        if constexpr (std::is_void_v<decltype(body(reactor, clock, args))>) {
            body(reactor, clock, args);
        } else {
            code = body(reactor, clock, args);
        }
        if (sink) sink->close();
        return code;
    } catch (const std::exception& e) {
        std::cerr << argv[0] << ": " << e.what() << "\n";
        return 1;
    }
}

template <typename Body>
int runLesson(int argc, char** argv, const std::string& program, Body body) {
    return withLessonReactor(argc, argv, program, [&](lab::Reactor& reactor, lab::ManualClock&, const Args&) {
        lab::DeferredTracing tracing(reactor.tracer());
        body(reactor);
        reactor.run();
    });
}

}  // namespace lesson
