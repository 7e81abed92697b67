// runLesson: the main() that small lesson programs and exercises share. It parses the lesson
// flags (lesson_args.h), opens the trace file, makes a reactor on a ManualClock with Deferred
// tracing on, lets `body` set things up (it must arrange for the loop to stop), runs the loop,
// and closes the trace so a write error is reported instead of losing the trace's end.
// Returns main's exit code: 0, or 1 after printing an exception that escaped.
#pragma once

#include <iostream>
#include <memory>
#include <string>

#include "core/reactor.h"
#include "deferred/deferred_tracing.h"
#include "lesson_args.h"
#include "trace/json_lines_sink.h"

namespace lesson {

template <typename Body>
int runLesson(int argc, char** argv, const std::string& program, Body body) {
    Args args = parseArgs(argc, argv);
    try {
        std::unique_ptr<lab::JsonLinesSink> sink;
        if (!args.trace.empty()) sink = std::make_unique<lab::JsonLinesSink>(args.trace);
        lab::ManualClock clock;
        lab::Reactor reactor({args.backend, &clock, sink.get(), program});
        {
            lab::DeferredTracing tracing(reactor.tracer());
            body(reactor);
            reactor.run();
        }
        if (sink) sink->close();
    } catch (const std::exception& e) {
        std::cerr << argv[0] << ": " << e.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace lesson
