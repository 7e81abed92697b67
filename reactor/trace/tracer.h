// Tracer: stamps each event with its sequence number, time and loop iteration, and hands it to
// the sink. With no sink (or a NullSink) emit() is one predictable branch: tracing off costs
// nothing measurable (bench/ measures it).
//
// Call sites that must gather data only for the trace (the interest set of a wait) check on().
// Tested in tests/trace/tracer_test.cpp.
#pragma once

#include <cstdint>
#include <initializer_list>

#include "core/clock.h"
#include "trace/trace_event.h"
#include "trace/trace_sink.h"

namespace lab {

class Tracer {
public:
    Tracer(const Clock& clock, TraceSink* sink) : clock_(clock), sink_(sink && sink->enabled() ? sink : nullptr) {}

    bool on() const { return sink_ != nullptr; }

    void header(const TraceHeader& header) {
        if (sink_) sink_->header(header);
    }

    void emit(std::string_view kind, std::initializer_list<TraceField> fields = {}) {
        if (!sink_) return;
        sink_->event(TraceEvent{++seq_, clock_.now(), iteration_, kind, std::span<const TraceField>(fields)});
    }

    void flush() {
        if (sink_) sink_->flush();
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
