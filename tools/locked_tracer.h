// LockedTracer: the reactor's Tracer, shared by many threads behind one mutex.
//
// The reactor's Tracer is single-threaded on purpose (one loop, one thread). The threaded echo
// server has a thread per connection, all writing to one trace file, so every emit() takes a
// lock. The Tracer stamps seq and t inside that lock, so lines reach the file in seq order with t
// never going back: the trace reader's ordering rules (EventOrder) hold across threads. iter stays
// 0 ("outside any iteration"): there is no loop here, and a "thread" field names the lane instead.
// Not a general-purpose tracer: one lock per event is fine for a baseline, not for a hot path.
// Used by tools/threaded_echo_server.cpp; covered by tests/tools/threaded_echo_smoke.sh.
#pragma once

#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>

#include "clock/clock.h"
#include "trace/json_lines_sink.h"
#include "trace/tracer.h"

namespace lab::tools {

class LockedTracer {
public:
    // An empty path means no trace: emit() then only checks a null pointer, without locking.
    LockedTracer(const std::string& path, const TraceHeader& header)
        : sink_(path.empty() ? nullptr : std::make_unique<JsonLinesSink>(path)), tracer_(clock_, sink_.get()) {
        tracer_.header(header);
    }

    void emit(std::string_view kind, std::initializer_list<TraceField> fields) {
        if (!sink_) return;
        std::lock_guard<std::mutex> lock(mutex_);
        tracer_.emit(kind, fields);
    }

    // Flushes and closes the file: its last line is whole. Call once every thread has finished.
    void close() {
        std::lock_guard<std::mutex> lock(mutex_);
        if (sink_) sink_->close();
    }

private:
    std::mutex mutex_;  // guards tracer_ and the sink: seq, t and the file's line order
    SystemClock clock_;
    std::unique_ptr<JsonLinesSink> sink_;
    Tracer tracer_;
};

}  // namespace lab::tools
