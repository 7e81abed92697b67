// Tracer: stamps each event with its sequence number, time and loop iteration, and hands it to
// the sink. With no sink (or a NullSink) on() is false and emit() is one predictable branch.
//
// On the hot paths (every turn, every message) call sites test on() themselves and build the
// event in a [[gnu::cold]] function out of line (Reactor::traceWaitBegin and its neighbours in
// core/reactor_trace.cpp): with tracing off, the phase then pays the test and nothing else, and
// stays small enough to be inlined. That is what keeps tracing off within a few percent of a
// build without trace calls (bench/trace_cost.sh measures it; docs/bench/README.md).
// Built with -DREACTOR_LAB_TRACE=OFF (CMake), on() is constant false, so the compiler drops every
// trace call: the build that comparison is made against. It writes no trace at all, so its
// lesson tests fail. Tested in tests/trace/tracer_test.cpp.
#pragma once

#include <cstdint>
#include <initializer_list>

#include "clock/clock.h"
#include "trace/trace_event.h"
#include "trace/trace_sink.h"

#ifndef REACTOR_LAB_TRACE
#define REACTOR_LAB_TRACE 1
#endif

namespace lab {

// False only in a build made to measure tracing's cost (REACTOR_LAB_TRACE=OFF).
inline constexpr bool kTraceCallsCompiled = REACTOR_LAB_TRACE != 0;

class Tracer {
public:
    Tracer(const Clock& clock, TraceSink* sink) : clock_(clock), sink_(sink && sink->enabled() ? sink : nullptr) {}

    bool on() const {
        if constexpr (!kTraceCallsCompiled) return false;
        return __builtin_expect(sink_ != nullptr, 0);
    }

    void header(const TraceHeader& header) {
        if (on()) sink_->header(header);
    }

    void emit(std::string_view kind, std::initializer_list<TraceField> fields = {}) {
        if (on()) record(kind, fields);
    }

    void flush() {
        if (on()) sink_->flush();
    }

    std::uint64_t iteration() const { return iteration_; }
    void beginIteration() { ++iteration_; }

private:
    // Out of line (tracer.cpp) and cold, so the code that stamps and hands over an event is not
    // copied into every call site of emit(): the loop's hot paths stay small enough to inline.
    [[gnu::cold]] void record(std::string_view kind, std::initializer_list<TraceField> fields);

    const Clock& clock_;
    TraceSink* sink_;  // not owned; nullptr when tracing is off
    std::uint64_t seq_ = 0;
    std::uint64_t iteration_ = 0;
};

}  // namespace lab
