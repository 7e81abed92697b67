// TraceModel; see trace_model.h.
#include "model/trace_model.h"

#include "model/parallel_read.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace lab::viz {

namespace {

// Kinds during which "the program's code" runs: a timer_scheduled inside one was caused by it.
bool startsCallback(std::string_view k) {
    return k == kind::timerFired || k == kind::handlerCalled || k == kind::runBegin || k == kind::deferredCallbackRan;
}

const std::vector<std::size_t> kNoEvents;

}  // namespace

TraceModel TraceModel::load(const std::string& path, LoadProgress* progress) {
    return adopt(readTraceParallel(path, progress), path, progress);
}

TraceModel TraceModel::fromTrace(TraceFile trace, std::string name) { return adopt(std::move(trace), std::move(name), nullptr); }

TraceModel TraceModel::adopt(TraceFile trace, std::string name, LoadProgress* progress) {
    TraceModel model;
    model.path_ = std::move(name);
    model.problems_ = std::move(trace.problems);
    model.events_ = std::move(trace.events);
    model.lines_ = std::move(trace.lines);
    model.readHeader(trace.header);
    model.index(0, progress);
    return model;
}

TraceModel TraceModel::following(const std::string& path) {
    TraceModel model;
    model.path_ = path;
    return model;
}

std::size_t TraceModel::catchUp(TraceStream& stream, std::size_t maxEvents) {
    std::size_t first = events_.size();
    TraceJson event;
    while (events_.size() - first < maxEvents && stream.next(event)) {
        events_.push_back(std::move(event));
        lines_.push_back(stream.line());
    }
    for (TraceProblem& problem : stream.takeProblems()) problems_.push_back(std::move(problem));
    if (!hasHeader_) readHeader(stream.header());
    index(first, nullptr);
    return events_.size() - first;
}

void TraceModel::readHeader(const TraceJson& header) {
    if (header.is_null()) return;
    hasHeader_ = true;
    program_ = header.value("program", "?");
    backend_ = header.value("backend", "?");
    clock_ = header.value("clock", "?");
    const TraceJson& twisted = header.contains("twisted") ? header["twisted"] : TraceJson();
    if (twisted.is_object()) {
        source_ = "Twisted " + twisted.value("version", std::string("?")) + ", " + twisted.value("reactor", std::string("?"));
    }
}

void TraceModel::index(std::size_t first, LoadProgress* progress) {
    if (progress) {
        progress->stage = 1;
        progress->fraction = 0.0f;
    }
    if (lines_.size() != events_.size()) lines_.resize(events_.size(), 0);
    heads_.resize(events_.size());
    std::map<std::int64_t, std::vector<std::size_t>>* idIndex[std::size(kIdFields)];
    for (std::size_t f = 0; f < std::size(kIdFields); ++f) idIndex[f] = &byId_[std::string(kIdFields[f])];
    for (std::size_t i = first; i < events_.size(); ++i) {
        EventHead& head = heads_[i];
        const std::string* kindName = nullptr;
        std::int64_t timer = -1;
        bool hasTimer = false;
        // One pass over the fields (the reader has checked seq, t, iter and kind).
        for (const auto& [key, value] : events_[i].items()) {
            if (key == "seq") head.seq = value.get<std::int64_t>();
            else if (key == "t") head.t = value.get<std::int64_t>();
            else if (key == "iter") head.iter = value.get<std::int64_t>();
            else if (key == "kind") kindName = &value.get_ref<const std::string&>();
            else if (value.is_number_integer()) {
                for (std::size_t f = 0; f < std::size(kIdFields); ++f) {
                    if (key != kIdFields[f]) continue;
                    (*idIndex[f])[value.get<std::int64_t>()].push_back(i);
                    if (f == 2) {
                        hasTimer = true;
                        timer = value.get<std::int64_t>();
                    }
                }
            }
        }
        auto found = kindIds_.find(*kindName);
        if (found == kindIds_.end()) {
            found = kindIds_.emplace(*kindName, static_cast<KindId>(kindNames_.size())).first;
            kindNames_.push_back(*kindName);
            byKind_.emplace_back();
            int timerRole = *kindName == kind::timerScheduled ? 1 : *kindName == kind::timerFired ? 2 : *kindName == kind::timerCancelled ? 3 : 0;
            roles_.push_back(KindRole{startsCallback(*kindName), kind::isLoopStructure(*kindName), timerRole});
        }
        head.kind = found->second;
        byKind_[head.kind].push_back(i);

        if (iterations_.empty() || iterations_.back().iter != head.iter) {
            iterations_.push_back(IterationSpan{head.iter, i, i, head.t, head.t});
        } else {
            iterations_.back().last = i;
            iterations_.back().tEnd = head.t;
        }

        const KindRole& role = roles_[head.kind];
        if (role.ends) cause_ = SIZE_MAX;
        if (role.starts) cause_ = i;
        if (hasTimer) {
            TimerHistory& history = timers_[timer];
            history.id = timer;
            if (role.timer == 1) {
                history.scheduled = i;
                history.cause = cause_;
            } else if (role.timer == 2) {
                history.fired = i;
            } else if (role.timer == 3) {
                history.cancelled = i;
            }
        }
        if (progress && (i & 0xffff) == 0) progress->fraction = static_cast<float>(i) / static_cast<float>(events_.size());
    }
    if (progress) progress->fraction = 1.0f;
}

int TraceModel::kindId(std::string_view kind) const {
    for (std::size_t i = 0; i < kindNames_.size(); ++i) {
        if (kindNames_[i] == kind) return static_cast<int>(i);
    }
    return -1;
}

std::size_t TraceModel::iterationIndexOf(std::size_t i) const {
    auto it = std::upper_bound(iterations_.begin(), iterations_.end(), i,
                               [](std::size_t index, const IterationSpan& span) { return index < span.first; });
    return it == iterations_.begin() ? 0 : static_cast<std::size_t>(it - iterations_.begin()) - 1;
}

const std::vector<std::size_t>& TraceModel::eventsFor(std::string_view field, std::int64_t id) const {
    auto byField = byId_.find(field);
    if (byField == byId_.end()) return kNoEvents;
    auto events = byField->second.find(id);
    return events == byField->second.end() ? kNoEvents : events->second;
}

bool TraceModel::hasIds(std::string_view field) const {
    auto byField = byId_.find(field);
    return byField != byId_.end() && !byField->second.empty();
}

std::vector<std::int64_t> TraceModel::idsOf(std::string_view field) const {
    std::vector<std::int64_t> ids;
    auto byField = byId_.find(field);
    if (byField == byId_.end()) return ids;
    for (const auto& [id, events] : byField->second) ids.push_back(id);
    return ids;
}

std::size_t TraceModel::firstAtOrAfter(std::int64_t t) const {
    auto it = std::lower_bound(heads_.begin(), heads_.end(), t,
                               [](const EventHead& head, std::int64_t time) { return head.t < time; });
    return static_cast<std::size_t>(it - heads_.begin());
}

}  // namespace lab::viz
