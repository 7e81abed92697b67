// DeferredTracing: where Deferreds record their trace events, made visible as a scope.
//
// Deferreds are not tied to a reactor (as in Twisted), so they cannot find a Tracer by
// themselves. A program that wants them in its trace says so once:
//     DeferredTracing tracing(reactor.tracer());
// For the life of that object every Deferred reports to that Tracer, and Deferred ids restart
// at 1, so a program's trace is the same on every run. One scope at a time; none: no events.
// The kinds and their fields are in traces/SCHEMA.md, section "Deferreds".
// Taught in lessons/05-deferreds; tested in tests/deferred/tracing_test.cpp.
#pragma once

#include <cstdint>
#include <source_location>
#include <string>

#include "trace/tracer.h"

namespace lab {

class DeferredTracing {
public:
    explicit DeferredTracing(Tracer& tracer);
    ~DeferredTracing();
    DeferredTracing(const DeferredTracing&) = delete;
    DeferredTracing& operator=(const DeferredTracing&) = delete;

    // The Tracer of the current scope, or nullptr (also when its sink is off).
    static Tracer* current();
    // The next Deferred id: 1, 2, ... from the start of the current scope.
    static std::uint64_t nextId();
};

// "reactor/deferred/deferred.cpp:42": how traces write a source location.
std::string sourceText(const std::source_location& where);
// The label a pair gets when none is given: "program.cpp:42".
std::string defaultLabel(const std::source_location& where);

}  // namespace lab
