// TraceModel; see trace_model.h.
#include "model/trace_model.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <istream>
#include <streambuf>

namespace lab::viz {

namespace {

// A read-only stream buffer over a FILE* that reports how far through the file it is, so the
// reader (which takes an istream) can drive a progress bar without knowing about it.
class ProgressBuf final : public std::streambuf {
public:
    ProgressBuf(std::FILE* file, LoadProgress* progress) : file_(file), progress_(progress) {
        if (std::fseek(file_, 0, SEEK_END) == 0) total_ = std::ftell(file_);
        std::fseek(file_, 0, SEEK_SET);
    }

protected:
    int_type underflow() override {
        std::size_t n = std::fread(buffer_, 1, sizeof buffer_, file_);
        if (n == 0) return traits_type::eof();
        done_ += static_cast<long>(n);
        if (progress_ && total_ > 0) progress_->fraction = static_cast<float>(done_) / static_cast<float>(total_);
        setg(buffer_, buffer_, buffer_ + n);
        return traits_type::to_int_type(buffer_[0]);
    }

private:
    std::FILE* file_;
    LoadProgress* progress_;
    long total_ = 0;
    long done_ = 0;
    char buffer_[1 << 16];
};

// Kinds during which "the program's code" runs: a timer_scheduled inside one was caused by it.
bool startsCallback(std::string_view kind) {
    return kind == "timer_fired" || kind == "handler_called" || kind == "run_begin" || kind == "deferred_step_ran";
}

// Kinds that end whatever callback was running (the loop moved on to its next phase).
bool endsCallback(std::string_view kind) {
    return kind == "iteration_begin" || kind == "timers_run" || kind == "timeout_computed" || kind == "wait_begin" ||
           kind == "wait_end" || kind == "ready_dispatch" || kind == "iteration_end" || kind == "run_end";
}

const std::vector<std::size_t> kNoEvents;

}  // namespace

TraceModel TraceModel::load(const std::string& path, LoadProgress* progress) {
    if (progress) progress->stage = 0;
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) {
        TraceFile failed;
        failed.problems.push_back(TraceProblem{path, 0, std::string("cannot open: ") + std::strerror(errno)});
        return adopt(std::move(failed), path, progress);
    }
    ProgressBuf buffer(file, progress);
    std::istream in(&buffer);
    TraceFile trace = readTrace(in, path);
    std::fclose(file);
    return adopt(std::move(trace), path, progress);
}

TraceModel TraceModel::fromTrace(TraceFile trace, std::string name) { return adopt(std::move(trace), std::move(name), nullptr); }

TraceModel TraceModel::adopt(TraceFile trace, std::string name, LoadProgress* progress) {
    TraceModel model;
    model.path_ = std::move(name);
    model.problems_ = std::move(trace.problems);
    model.events_ = std::move(trace.events);
    model.lines_ = std::move(trace.lines);
    if (!trace.header.is_null()) {
        model.hasHeader_ = true;
        model.program_ = trace.header.value("program", "?");
        model.backend_ = trace.header.value("backend", "?");
        model.clock_ = trace.header.value("clock", "?");
    }
    model.index(progress);
    return model;
}

void TraceModel::index(LoadProgress* progress) {
    if (progress) {
        progress->stage = 1;
        progress->fraction = 0.0f;
    }
    if (lines_.size() != events_.size()) lines_.assign(events_.size(), 0);
    heads_.resize(events_.size());
    std::map<std::string, KindId, std::less<>> kindIds;
    std::size_t cause = SIZE_MAX;
    for (std::size_t i = 0; i < events_.size(); ++i) {
        const TraceJson& event = events_[i];
        EventHead& head = heads_[i];
        head.seq = event["seq"].get<std::int64_t>();
        head.t = event["t"].get<std::int64_t>();
        head.iter = event["iter"].get<std::int64_t>();
        const std::string& kind = event["kind"].get_ref<const std::string&>();
        auto found = kindIds.find(kind);
        if (found == kindIds.end()) {
            found = kindIds.emplace(kind, static_cast<KindId>(kindNames_.size())).first;
            kindNames_.push_back(kind);
            byKind_.emplace_back();
        }
        head.kind = found->second;
        byKind_[head.kind].push_back(i);

        if (iterations_.empty() || iterations_.back().iter != head.iter) {
            iterations_.push_back(IterationSpan{head.iter, i, i, head.t, head.t});
        } else {
            iterations_.back().last = i;
            iterations_.back().tEnd = head.t;
        }

        for (std::string_view field : kIdFields) {
            auto value = event.find(std::string(field));
            if (value != event.end() && value->is_number_integer()) {
                byId_[std::string(field)][value->get<std::int64_t>()].push_back(i);
            }
        }

        if (endsCallback(kind)) cause = SIZE_MAX;
        if (startsCallback(kind)) cause = i;
        auto timer = event.find("timer");
        if (timer != event.end() && timer->is_number_integer()) {
            TimerHistory& history = timers_[timer->get<std::int64_t>()];
            history.id = timer->get<std::int64_t>();
            if (kind == "timer_scheduled") {
                history.scheduled = i;
                history.cause = cause;
            } else if (kind == "timer_fired") {
                history.fired = i;
            } else if (kind == "timer_cancelled") {
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
