// Keyframes; see keyframes.h.
#include "model/keyframes.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "model/event_view.h"

namespace lab::viz {

namespace {

// Events between two hand-backs of the file's pages (TraceModel::releaseText) while folding
// the whole trace.
constexpr std::size_t kReleaseEvery = 1u << 17;

// Blocks the index may get ahead of the fold. Past that it waits: what is queued is file pages
// held in memory (8 MB a block, trace_model.cpp), so the queue stays small.
constexpr std::size_t kBlocksAhead = 4;

// The index hands blocks over on the loading thread; the fold takes them on its own.
class BlockQueue {
public:
    void push(IndexedBlock block) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return blocks_.size() < kBlocksAhead; });
        blocks_.push_back(std::move(block));
        changed_.notify_all();
    }
    // The next block, or nothing once the index has finished and every block is taken.
    std::optional<IndexedBlock> pop() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !blocks_.empty() || closed_; });
        if (blocks_.empty()) return std::nullopt;
        IndexedBlock block = std::move(blocks_.front());
        blocks_.pop_front();
        changed_.notify_all();
        return block;
    }
    void close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        changed_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<IndexedBlock> blocks_;
    bool closed_ = false;
};

}  // namespace

void applyEvents(const TraceModel& model, LoopState& state, std::size_t from, std::size_t to) {
    // One parser for the stretch: its buffers serve every line.
    simdjson::dom::parser parser;
    for (std::size_t i = from; i < to; ++i) state.applyView(EventView(parser, model.line(i)), i);
}

Keyframes::Keyframes(std::size_t interval, std::size_t budget) : interval_(interval == 0 ? 1 : interval), budget_(budget) {
    frames_.push_back(state_);
    bytes_ = state_.footprint();
}

Keyframes::Keyframes(const TraceModel& model, std::size_t interval, LoadProgress* progress, std::size_t budget)
    : Keyframes(interval, budget) {
    if (progress) {
        progress->stage = 2;
        progress->fraction = 0.0f;
    }
    simdjson::dom::parser parser;
    for (std::size_t i = 0; i < model.size(); ++i) {
        add(EventView(parser, model.line(i)));
        if (progress && applied() % interval_ == 0) {
            progress->fraction = static_cast<float>(i) / static_cast<float>(model.size());
        }
        if (applied() % kReleaseEvery == 0) model.releaseText(applied() - kReleaseEvery, applied());
    }
    model.releaseText(model.size() / kReleaseEvery * kReleaseEvery, model.size());
    if (progress) progress->fraction = 1.0f;
}

void Keyframes::add(const EventView& event) {
    state_.applyView(event, state_.applied);
    if (state_.applied % interval_ != 0) return;
    frames_.push_back(state_);
    bytes_ += frames_.back().footprint();
    while (bytes_ > budget_ && frames_.size() > 2) thinOut();
}

void Keyframes::thinOut() {
    // Frame k is the state after k * interval_ events: the even ones are the frames of an
    // interval twice as long.
    std::vector<LoopState> kept;
    kept.reserve(frames_.size() / 2 + 1);
    bytes_ = 0;
    for (std::size_t k = 0; k < frames_.size(); k += 2) {
        bytes_ += frames_[k].footprint();
        kept.push_back(std::move(frames_[k]));
    }
    frames_ = std::move(kept);
    interval_ *= 2;
}

void Keyframes::extend(const TraceModel& model) {
    simdjson::dom::parser parser;
    for (std::size_t i = applied(); i < model.size(); ++i) add(EventView(parser, model.line(i)));
}

void Keyframes::extend(const IndexedBlock& block) {
    simdjson::dom::parser parser;
    for (std::string_view line : block.lines) add(EventView(parser, line));
    block.text->release(block.begin, block.end);
}

LoopState Keyframes::stateAt(const TraceModel& model, std::size_t applied) const {
    if (applied > model.size()) throw std::out_of_range("Keyframes::stateAt: position past the end of the trace");
    std::size_t frame = std::min(applied / interval_, frames_.size() - 1);
    LoopState state = frames_[frame];
    applyEvents(model, state, frame * interval_, applied);
    return state;
}

KeyframedTrace loadWithKeyframes(const std::string& path, LoadProgress* progress, std::size_t interval) {
    KeyframedTrace trace{TraceModel{}, Keyframes(interval)};
    BlockQueue queue;
    std::thread fold([&] {
        while (std::optional<IndexedBlock> block = queue.pop()) {
            trace.keyframes.extend(*block);
            if (progress && progress->stage == 2 && progress->events > 0) {
                progress->fraction = static_cast<float>(trace.keyframes.applied()) / static_cast<float>(progress->events);
            }
        }
    });
    try {
        trace.model = TraceModel::load(path, progress, SIZE_MAX, 0, [&](IndexedBlock block) { queue.push(std::move(block)); });
    } catch (...) {
        queue.close();
        fold.join();
        throw;
    }
    if (progress) progress->stage = 2;  // the fold thread says how far it has got
    queue.close();
    fold.join();
    if (progress) progress->fraction = 1.0f;
    return trace;
}

}  // namespace lab::viz
