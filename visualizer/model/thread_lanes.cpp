// Building the thread lanes; see thread_lanes.h.
#include "model/thread_lanes.h"

#include <algorithm>
#include <map>

namespace lab::viz {

namespace {

std::int64_t intField(const TraceJson& event, const char* key, std::int64_t fallback) {
    auto it = event.find(key);
    return it != event.end() && it->is_number_integer() ? it->get<std::int64_t>() : fallback;
}

std::string textField(const TraceJson& event, const char* key) {
    auto it = event.find(key);
    return it != event.end() && it->is_string() ? it->get<std::string>() : std::string();
}

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
        std::string_view kind = model.kindOf(i);
        if (kind != "thread_started" && kind != "thread_blocked" && kind != "thread_woke" && kind != "thread_exited") continue;
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
        if (kind == "thread_started") {
            lane.name = textField(event, "name");
            lane.started = t;
            openSpan(lane, t, false, "", -1, i);
        } else if (kind == "thread_blocked") {
            openSpan(lane, t, true, textField(event, "call"), static_cast<int>(intField(event, "fd", -1)), i);
        } else if (kind == "thread_woke") {
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

bool hasThreadLanes(const TraceModel& model) { return model.kindId("thread_started") >= 0 || model.kindId("thread_blocked") >= 0; }

bool hasEventLoop(const TraceModel& model) { return model.kindId("run_begin") >= 0 || model.kindId("iteration_begin") >= 0; }

}  // namespace lab::viz
