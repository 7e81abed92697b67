// ThreadLanes: the life of each thread of a thread-per-connection trace, as spans on a time axis.
//
// From thread_started, thread_blocked {call, fd}, thread_woke {bytes} and thread_exited, each
// thread gets a lane of spans: running, or blocked in accept/read/write on an fd, from when it
// started until it exited (or the trace ended). The Threads panel draws them so a learner sees
// N threads, most of them blocked most of the time; the totals say how much.
// Built once per trace (the spans cover the whole run, whatever the cursor); the state at the
// cursor is LoopState::threads. Not here: drawing (panels/threads_panel.cpp).
// No ImGui here; tested in tests/visualizer/thread_lanes_test.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/trace_model.h"

namespace lab::viz {

struct ThreadSpan {
    std::int64_t begin = 0, end = 0;  // trace time, ns
    bool blocked = false;             // false: running
    std::string call;                 // blocked in: "accept", "read" or "write"
    int fd = -1;
    std::size_t event = 0;            // the event that began the span
};

struct ThreadLane {
    std::int64_t thread = 0;
    std::string name;
    std::int64_t started = 0, ended = 0;
    bool exited = false;
    std::string exitReason;
    std::vector<ThreadSpan> spans;  // in time order, back to back
    std::int64_t blockedNs = 0, runningNs = 0;
    std::int64_t bytes = 0;  // the sum of thread_woke's bytes
};

class ThreadLanes {
public:
    ThreadLanes() = default;
    static ThreadLanes build(const TraceModel& model);

    bool empty() const { return lanes_.empty(); }
    const std::vector<ThreadLane>& lanes() const { return lanes_; }
    // The share of all threads' lifetimes spent blocked, 0..1 (0 when no time passed).
    double blockedShare() const;

private:
    std::vector<ThreadLane> lanes_;  // by thread id
};

// True when the trace records threads' lives (thread_started or thread_blocked events).
bool hasThreadLanes(const TraceModel& model);
// True when the trace has an event loop (run_begin or iteration_begin): the reactor's panels apply.
bool hasEventLoop(const TraceModel& model);

}  // namespace lab::viz
