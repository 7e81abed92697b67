// Keyframes; see keyframes.h.
#include "model/keyframes.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <memory>
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

// How far each stage may get ahead of the next. Past that it waits: a queued block is file pages
// held in memory (8 MB, trace_model.cpp), a parsed batch its document, so the queues stay small.
constexpr std::size_t kBlocksAhead = 4;
constexpr std::size_t kBatchesAhead = 8;
// Lines parsed as one document: simdjson's DOM parses a big document faster per line than many
// small ones, and the batches are the fold's to take while the next is parsed.
constexpr std::size_t kBatchLines = 4096;

// Hands items from one thread to the next, in order, at most `capacity` at a time.
template <typename T>
class Handoff {
public:
    explicit Handoff(std::size_t capacity) : capacity_(capacity) {}
    void push(T item) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return items_.size() < capacity_; });
        items_.push_back(std::move(item));
        changed_.notify_all();
    }
    // The next item, or nothing once the giver has closed and every item is taken.
    std::optional<T> pop() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !items_.empty() || closed_; });
        if (items_.empty()) return std::nullopt;
        T item = std::move(items_.front());
        items_.pop_front();
        changed_.notify_all();
        return item;
    }
    void close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        changed_.notify_all();
    }

private:
    std::size_t capacity_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<T> items_;
    bool closed_ = false;
};

// Lines [first, first + count) of a block, parsed together as one JSON array; `objects` is empty
// when that failed (a number simdjson refuses, say): the fold then reads line by line.
struct ParsedBatch {
    std::shared_ptr<const IndexedBlock> block;
    std::size_t first = 0, count = 0;
    std::unique_ptr<simdjson::dom::parser> parser;  // holds the document the objects are in
    std::vector<simdjson::dom::object> objects;
};

ParsedBatch parseBatch(std::shared_ptr<const IndexedBlock> block, std::size_t first, std::size_t count) {
    ParsedBatch batch{std::move(block), first, count, std::make_unique<simdjson::dom::parser>(), {}};
    std::string text = "[";
    for (std::size_t i = first; i < first + count; ++i) {
        if (i > first) text += ',';
        text += batch.block->lines[i];
    }
    text += ']';
    simdjson::dom::array array;
    if (batch.parser->parse(text).get_array().get(array) != simdjson::SUCCESS) return batch;
    batch.objects.reserve(count);
    for (simdjson::dom::element element : array) {
        simdjson::dom::object object;
        if (element.get_object().get(object) != simdjson::SUCCESS) break;
        batch.objects.push_back(object);
    }
    if (batch.objects.size() != count) batch.objects.clear();
    return batch;
}

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

void Keyframes::extend(const IndexedBlock& block, std::size_t first, std::size_t count,
                       const std::vector<simdjson::dom::object>& objects) {
    if (objects.size() == count) {
        for (std::size_t i = 0; i < count; ++i) add(EventView(objects[i], block.lines[first + i]));
    } else {
        simdjson::dom::parser parser;
        for (std::size_t i = first; i < first + count; ++i) add(EventView(parser, block.lines[i]));
    }
    // The block's last lines are folded: its pages can go.
    if (first + count == block.lines.size()) block.text->release(block.begin, block.end);
}

LoopState Keyframes::stateAt(const TraceModel& model, std::size_t applied) const {
    if (applied > model.size()) throw std::out_of_range("Keyframes::stateAt: position past the end of the trace");
    std::size_t frame = std::min(applied / interval_, frames_.size() - 1);
    LoopState state = frames_[frame];
    applyEvents(model, state, frame * interval_, applied);
    return state;
}

// Three stages, each on its own thread: the index (TraceModel::load, with its scan threads) hands
// each block over, a parse thread parses it a batch at a time, and the fold takes the batches.
// Splitting the parse from the fold lets two cores share the work when the fold is the slowest.
KeyframedTrace loadWithKeyframes(const std::string& path, LoadProgress* progress, std::size_t interval) {
    KeyframedTrace trace{TraceModel{}, Keyframes(interval)};
    Handoff<IndexedBlock> blocks(kBlocksAhead);
    Handoff<ParsedBatch> batches(kBatchesAhead);
    std::thread parse([&] {
        while (std::optional<IndexedBlock> taken = blocks.pop()) {
            auto block = std::make_shared<const IndexedBlock>(std::move(*taken));
            for (std::size_t first = 0; first < block->lines.size(); first += kBatchLines) {
                batches.push(parseBatch(block, first, std::min(kBatchLines, block->lines.size() - first)));
            }
            if (block->lines.empty()) block->text->release(block->begin, block->end);
        }
        batches.close();
    });
    std::thread fold([&] {
        while (std::optional<ParsedBatch> batch = batches.pop()) {
            trace.keyframes.extend(*batch->block, batch->first, batch->count, batch->objects);
            if (progress && progress->stage == 2 && progress->events > 0) {
                progress->fraction = static_cast<float>(trace.keyframes.applied()) / static_cast<float>(progress->events);
            }
        }
    });
    auto finish = [&] {
        blocks.close();
        parse.join();
        fold.join();
    };
    try {
        trace.model = TraceModel::load(path, progress, SIZE_MAX, 0, [&](IndexedBlock block) { blocks.push(std::move(block)); });
    } catch (...) {
        finish();
        throw;
    }
    if (progress) progress->stage = 2;  // the fold thread says how far it has got
    finish();
    if (progress) progress->fraction = 1.0f;
    return trace;
}

}  // namespace lab::viz
