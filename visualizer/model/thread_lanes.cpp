// Building the thread lanes; see thread_lanes.h.
#include "model/thread_lanes.h"

#include <algorithm>
#include <map>

#include "trace/trace_fields.h"

namespace lab::viz {

namespace {

// Ends the lane's open span at t and adds its length to the totals.
void closeSpan(ThreadLane& lane, std::int64_t t) {
    if (lane.spans.empty() || lane.spans.back().end >= 0) return;
    ThreadSpan& span = lane.spans.back();
    span.end = std::max(t, span.begin);
    (span.blocked ? lane.blockedNs : lane.runningNs) += span.end - span.begin;
}

void openSpan(ThreadLane& lane, std::int64_t t, bool blocked, std::string call, int fd, std::size_t event) {
    closeSpan(lane, t);
    lane.spans.push_back(ThreadSpan{t, -1, blocked, std::move(call), fd, event});
}

}  // namespace

ThreadLanes ThreadLanes::build(const TraceModel& model) {
    ThreadLanes result;
    std::map<std::int64_t, ThreadLane> lanes;
    for (std::size_t i = 0; i < model.size(); ++i) {
        std::string_view kindName = model.kindOf(i);
        if (kindName != kind::threadStarted && kindName != kind::threadBlocked && kindName != kind::threadWoke &&
            kindName != kind::threadExited) {
            continue;
        }
        const TraceJson& event = model.json(i);
        std::int64_t id = intField(event, "thread", -1);
        std::int64_t t = model.head(i).t;
        auto [it, fresh] = lanes.try_emplace(id);
        ThreadLane& lane = it->second;
        if (fresh) {
            // A thread first seen blocked or woken (a trace that began mid-run) starts there.
            lane.thread = id;
            lane.started = t;
        }
        if (kindName == kind::threadStarted) {
            lane.name = textField(event, "name");
            lane.started = t;
            openSpan(lane, t, false, "", -1, i);
        } else if (kindName == kind::threadBlocked) {
            openSpan(lane, t, true, textField(event, "call"), static_cast<int>(intField(event, "fd", -1)), i);
        } else if (kindName == kind::threadWoke) {
            lane.bytes += std::max<std::int64_t>(0, intField(event, "bytes", 0));  // -1 is an error, not bytes
            openSpan(lane, t, false, "", static_cast<int>(intField(event, "fd", -1)), i);
        } else {
            closeSpan(lane, t);
            lane.exited = true;
            lane.ended = t;
            lane.exitReason = textField(event, "reason");
        }
    }
    for (auto& [id, lane] : lanes) {
        if (!lane.exited) {
            closeSpan(lane, model.lastTime());
            lane.ended = model.lastTime();
        }
        result.lanes_.push_back(std::move(lane));
    }
    return result;
}

double ThreadLanes::blockedShare() const {
    std::int64_t blocked = 0, total = 0;
    for (const ThreadLane& lane : lanes_) {
        blocked += lane.blockedNs;
        total += lane.blockedNs + lane.runningNs;
    }
    return total > 0 ? static_cast<double>(blocked) / static_cast<double>(total) : 0.0;
}

bool hasThreadLanes(const TraceModel& model) { return model.kindId(kind::threadStarted) >= 0 || model.kindId(kind::threadBlocked) >= 0; }

bool hasEventLoop(const TraceModel& model) { return model.kindId(kind::runBegin) >= 0 || model.kindId(kind::iterationBegin) >= 0; }

}  // namespace lab::viz
