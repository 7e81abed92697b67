// Tracer: stamps each event with its sequence number, time and loop iteration, and hands it to
// the sink. With no sink (or a NullSink) emit() is one predictable branch: tracing off costs
// nothing measurable (bench/ measures it).
//
// Call sites that must gather data only for the trace (the interest set of a wait) check on().
// Built with -DREACTOR_LAB_TRACE=OFF (CMake), on() is constant false and emit() is empty, so the
// compiler drops every trace call: the build bench/ compares the run-time "off" against
// (docs/bench/README.md). That build writes no trace at all, so its lesson tests fail.
// Tested in tests/trace/tracer_test.cpp.
#pragma once

#include <cstdint>
#include <initializer_list>

#include "core/clock.h"
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
        return sink_ != nullptr;
    }

    void header(const TraceHeader& header) {
        if (on()) sink_->header(header);
    }

    void emit(std::string_view kind, std::initializer_list<TraceField> fields = {}) {
        if (!on()) return;
        sink_->event(TraceEvent{++seq_, clock_.now(), iteration_, kind, std::span<const TraceField>(fields)});
    }

    void flush() {
        if (on()) sink_->flush();
    }

    std::uint64_t iteration() const { return iteration_; }
    void beginIteration() { ++iteration_; }

private:
    const Clock& clock_;
    TraceSink* sink_;  // not owned; nullptr when tracing is off
    std::uint64_t seq_ = 0;
    std::uint64_t iteration_ = 0;
};

}  // namespace lab
