// TraceSink: where trace events go.
//
//   NullSink       tracing off; the Tracer checks enabled() once and then emits nothing.
//   MemorySink     keeps events as JSON objects, for tests (trace/memory_sink.h).
//   JsonLinesSink  buffered JSON Lines file, one event per line (trace/json_lines_sink.h).
//
// The reactor talks to a sink only through the Tracer (trace/tracer.h).
#pragma once

#include "trace/trace_event.h"

namespace lab {

class TraceSink {
public:
    virtual ~TraceSink() = default;
    virtual bool enabled() const { return true; }
    virtual void header(const TraceHeader& header) = 0;
    virtual void event(const TraceEvent& event) = 0;
    virtual void flush() {}
};

class NullSink final : public TraceSink {
public:
    bool enabled() const override { return false; }
    void header(const TraceHeader&) override {}
    void event(const TraceEvent&) override {}
};

}  // namespace lab
