// TraceModel: one trace, loaded, validated and indexed for replay.
//
// It keeps a compact index, not parsed events (issue 16 item 1): the file mapped read-only
// (trace_text.h), where each good event's line is, the columns every view needs (EventHead) and
// the indexes: by loop iteration, by kind, and by the logical ids events name (connection, timer,
// deferred, thread, fd), plus the causality of timers (which callback scheduled which timer).
// An event is parsed only when asked for, by json(i). Loading checks exactly the rules of the
// library's reader (reactor/trace/trace_reader.h, traces/SCHEMA.md), scanning ranges of lines on
// several threads (trace_scan.h) and the rules between lines in file order, reports bad lines as
// "file:line: reason" in the reader's words, keeps every good event and says what it skipped.
// The cursor and the panels only read it. It grows only when following a trace that is still
// being written (reactor-viz --follow): catchUp() adds the events a TraceStream has read since,
// indexed exactly as load() indexes, so every index stays what a load of the longer file gives.
// Not here: the state of the world at an event (loop_state.h). No ImGui here;
// tested in tests/visualizer/trace_model_test.cpp.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/trace_scan.h"
#include "model/trace_text.h"
#include "trace/trace_reader.h"

namespace lab::viz {

using KindId = std::uint16_t;

// The part of an event every view needs, packed; the full event is TraceModel::json(i).
struct EventHead {
    std::int64_t seq = 0;
    std::int64_t t = 0;
    std::int64_t iter = 0;
    KindId kind = 0;
};

// One loop iteration: the events [first, last] carry this iter number.
struct IterationSpan {
    std::int64_t iter = 0;
    std::size_t first = 0;
    std::size_t last = 0;
    std::int64_t tBegin = 0;
    std::int64_t tEnd = 0;
};

// A timer's life, found by index: where it was scheduled, by whom, and how it ended.
struct TimerHistory {
    std::int64_t id = 0;
    std::size_t scheduled = SIZE_MAX;  // event index of timer_scheduled
    std::size_t cause = SIZE_MAX;      // the callback running when it was scheduled (timer_fired,
                                       // handler_called, ...), or SIZE_MAX when set up outside any
    std::size_t fired = SIZE_MAX;      // event index of timer_fired
    std::size_t cancelled = SIZE_MAX;  // event index of timer_cancelled
};

// Progress of a load, written by the loading thread and read by the UI thread.
struct LoadProgress {
    std::atomic<float> fraction{0.0f};  // 0..1
    std::atomic<int> stage{0};          // 0 reading, 1 indexing, 2 keyframes, 3 done
    std::atomic<std::size_t> events{0};  // events indexed so far
};

// The lines of one block of events, handed over as soon as the block is indexed (load's
// `indexed`), for a fold that follows the index (keyframes.h: loadWithKeyframes). Whoever takes
// a block gives its pages back once it has read them (TraceText::release); the index does not.
struct IndexedBlock {
    std::shared_ptr<const TraceText> text;  // the lines point into it
    std::vector<std::string_view> lines;     // the block's events, in order
    std::size_t begin = 0, end = 0;          // the stretch of text the block was scanned from
};
using IndexedBlocks = std::function<void(IndexedBlock)>;

class TraceModel {
public:
    TraceModel() = default;
    // Loads and indexes a trace file. Never throws on bad input: problems() says what was wrong.
    // `maxEvents`: stop once that many events are indexed (the first events of a big trace,
    // shown while the rest indexes); `threads` 0 means one per core.
    // `indexed`, when given, is called on the loading thread with each block's lines once the
    // block is indexed, in file order.
    static TraceModel load(const std::string& path, LoadProgress* progress = nullptr, std::size_t maxEvents = SIZE_MAX,
                           unsigned threads = 0, const IndexedBlocks& indexed = {});
    // From a trace already read (tests build one from a MemorySink or a string).
    static TraceModel fromTrace(TraceFile trace, std::string name);
    // Following: an empty model named `path`, then catchUp() with a TraceStream in following
    // mode on that file, as often as the file grows. Returns how many events arrived.
    static TraceModel following(const std::string& path);
    std::size_t catchUp(TraceStream& stream, std::size_t maxEvents = SIZE_MAX);
    // A problem found by whoever follows the file (trace_follower.h), kept with the reader's.
    void addProblem(TraceProblem problem) { problems_.push_back(std::move(problem)); }

    const std::string& path() const { return path_; }
    // Header fields ("?" when the header was missing or bad).
    const std::string& program() const { return program_; }
    const std::string& backend() const { return backend_; }
    const std::string& clock() const { return clock_; }
    // "Twisted 22.4.0, twisted.internet.selectreactor.SelectReactor" for a trace of a real Twisted
    // program (the header's "twisted" field, traces/SCHEMA.md); empty for ours.
    const std::string& source() const { return source_; }
    bool hasHeader() const { return hasHeader_; }
    const std::vector<TraceProblem>& problems() const { return problems_; }

    std::size_t size() const { return heads_.size(); }
    bool empty() const { return heads_.empty(); }
    const EventHead& head(std::size_t i) const { return heads_[i]; }
    // The whole event, parsed from its line now: cheap for the few events a frame shows, and the
    // only copy is the caller's.
    TraceJson json(std::size_t i) const { return TraceJson::parse(line(i)); }
    // Event i's line, as the file has it (no newline): for reading it in place (event_view.h).
    std::string_view line(std::size_t i) const { return text_->line(offsets_[i], lengths_[i]); }
    std::size_t fileLine(std::size_t i) const { return lines_[i]; }
    // Hands back the file's pages that hold events [from, to) (TraceText::release): for a pass
    // over every event, such as building keyframes, so the file does not stay in memory after it.
    void releaseText(std::size_t from, std::size_t to) const {
        if (text_ && from < to && to <= size()) text_->release(offsets_[from], offsets_[to - 1] + lengths_[to - 1]);
    }
    std::string_view kindName(KindId kind) const { return kindNames_[kind]; }
    std::string_view kindOf(std::size_t i) const { return kindNames_[heads_[i].kind]; }
    // The id of a kind in this trace, or -1 when the trace has no event of that kind.
    int kindId(std::string_view kind) const;
    const std::vector<std::string>& kindNames() const { return kindNames_; }
    // Every event index of one kind, ascending.
    const std::vector<std::size_t>& eventsOfKind(KindId kind) const { return byKind_[kind]; }

    const std::vector<IterationSpan>& iterations() const { return iterations_; }
    // The position in iterations() of the iteration holding event i.
    std::size_t iterationIndexOf(std::size_t i) const;

    // Events naming a logical object, by the field that names it ("connection", "timer",
    // "deferred", "thread", "fd"), ascending. Empty when none.
    const std::vector<std::size_t>& eventsFor(std::string_view field, std::int64_t id) const;
    // The ids seen for one of those fields, ascending.
    bool hasIds(std::string_view field) const;
    std::vector<std::int64_t> idsOf(std::string_view field) const;

    const std::map<std::int64_t, TimerHistory>& timers() const { return timers_; }

    std::int64_t firstTime() const { return heads_.empty() ? 0 : heads_.front().t; }
    std::int64_t lastTime() const { return heads_.empty() ? 0 : heads_.back().t; }
    // The first event at or after time t (size() when none).
    std::size_t firstAtOrAfter(std::int64_t t) const;

    // The fields indexed by id (see eventsFor).
    static constexpr const auto& kIdFields = kEventIdFields;

private:
    // What each kind means for causality, decided once per kind rather than once per event.
    struct KindRole {
        bool starts, ends;
        int timer;  // 0 other, 1 scheduled, 2 fired, 3 cancelled
    };

    void readHeader(const TraceJson& header);
    // Scans and indexes the lines after the header, in blocks, each block's ranges on `threads`
    // threads while the one before is indexed here.
    void scanAndIndex(std::size_t begin, LoadProgress* progress, std::size_t maxEvents, unsigned threads,
                      const IndexedBlocks& indexed);
    // The lines of one scanned range, the first of them being file line `firstLine`: the rules
    // between lines, then add() for each good event.
    void addScanned(const ScannedLines& lines, std::size_t firstLine);
    KindId kindIdFor(std::string_view name);
    // Indexes one more event: its place, its head, by kind, by iteration, by id, timers' histories.
    void add(std::uint64_t offset, std::size_t length, std::size_t line, const EventHead& head, const EventIds& ids);
    // A parsed event (following, tests): its line goes into the held text, then add().
    void addParsed(const TraceJson& event, std::size_t line);

    std::string path_;
    std::string program_ = "?";
    std::string backend_ = "?";
    std::string clock_ = "?";
    std::string source_;
    bool hasHeader_ = false;
    std::vector<TraceProblem> problems_;
    // The text the offsets point into; shared, so a copied model reads the same bytes.
    std::shared_ptr<TraceText> text_;
    std::vector<std::uint64_t> offsets_;
    std::vector<std::uint32_t> lengths_;
    std::vector<std::uint32_t> lines_;  // the file line of each event
    std::vector<EventHead> heads_;
    std::vector<std::string> kindNames_;
    std::vector<std::vector<std::size_t>> byKind_;
    std::vector<IterationSpan> iterations_;
    // By id, for each of kIdFields in its order.
    std::map<std::int64_t, std::vector<std::size_t>> byId_[kEventIdFieldCount];
    std::map<std::int64_t, TimerHistory> timers_;
    // What index() carries from one event to the next, so that it can go on where it stopped.
    std::map<std::string, KindId, std::less<>> kindIds_;
    std::vector<KindRole> roles_;
    std::size_t cause_ = SIZE_MAX;
    EventOrder order_;
};

}  // namespace lab::viz
