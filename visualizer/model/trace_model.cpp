// TraceModel; see trace_model.h.
#include "model/trace_model.h"

#include <algorithm>
#include <future>
#include <thread>

namespace lab::viz {

namespace {

// Kinds during which "the program's code" runs: a timer_scheduled inside one was caused by it.
bool startsCallback(std::string_view k) {
    return k == kind::timerFired || k == kind::handlerCalled || k == kind::runBegin || k == kind::deferredCallbackRan;
}

const std::vector<std::size_t> kNoEvents;

// The lines are scanned a block at a time, so that the scan's own notes (about 100 bytes a line)
// stay a few megabytes whatever the size of the trace.
constexpr std::size_t kBlockBytes = 8 << 20;

// Just past the '\n' at or after `at`, or the end of the text.
std::size_t lineEndAfter(std::string_view text, std::size_t at) {
    if (at >= text.size()) return text.size();
    std::size_t found = text.find('\n', at);
    return found == std::string_view::npos ? text.size() : found + 1;
}

}  // namespace

TraceModel TraceModel::load(const std::string& path, LoadProgress* progress, std::size_t maxEvents, unsigned threads,
                            const IndexedBlocks& indexed) {
    TraceModel model;
    model.path_ = path;
    if (progress) progress->stage = 0;
    std::string error;
    std::unique_ptr<TraceText> text = TraceText::open(path, error);
    if (!text) {
        model.problems_.push_back(TraceProblem{path, 0, "cannot open: " + error});
        return model;
    }
    model.text_ = std::move(text);
    std::string_view all = model.text_->view();
    if (all.empty()) {
        model.problems_.push_back(TraceProblem{path, 0, kEmptyTraceReason});
        return model;
    }
    std::size_t headerEnd = lineEndAfter(all, 0);
    bool headerTerminated = all[headerEnd - 1] == '\n';
    TraceJson header;
    if (auto why = checkHeaderLine(all.substr(0, headerEnd - (headerTerminated ? 1 : 0)), !headerTerminated, header)) {
        model.problems_.push_back(TraceProblem{path, 1, *why});
    } else {
        model.readHeader(header);
    }
    model.scanAndIndex(headerEnd, progress, maxEvents, threads, indexed);
    return model;
}

void TraceModel::scanAndIndex(std::size_t begin, LoadProgress* progress, std::size_t maxEvents, unsigned threads,
                              const IndexedBlocks& indexed) {
    if (progress) {
        progress->stage = 1;
        progress->fraction = 0.0f;
    }
    std::string_view all = text_->view();
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    // One block: its ranges, each scanned on a thread of its own.
    auto launch = [&](std::size_t from) {
        std::vector<std::future<ScannedLines>> ranges;
        std::size_t blockEnd = lineEndAfter(all, std::min(all.size(), from + kBlockBytes));
        std::size_t share = (blockEnd - from + threads - 1) / threads;
        for (std::size_t at = from; at < blockEnd;) {
            std::size_t end = std::min(blockEnd, lineEndAfter(all, at + share));
            ranges.push_back(std::async(std::launch::async, [all, at, end] { return scanLines(all, at, end); }));
            at = end;
        }
        return std::make_pair(std::move(ranges), blockEnd);
    };
    std::size_t nextLine = 2;  // the file line the next block starts on
    std::size_t released = 0;
    auto [pending, next] = launch(begin);
    while (!pending.empty()) {
        std::vector<ScannedLines> block;
        std::size_t blockEvents = 0;
        for (auto& range : pending) {
            block.push_back(range.get());
            blockEvents += block.back().events.size();
        }
        std::size_t scannedTo = next;
        pending.clear();
        // The next block is scanned while this one is indexed.
        if (next < all.size() && size() + blockEvents < maxEvents) std::tie(pending, next) = launch(next);
        if (empty() && blockEvents > 0 && maxEvents == SIZE_MAX) {
            // The columns sized once from the first block's line length, not doubled as they grow
            // (a doubling copies, and holds both copies for a moment).
            double perEvent = static_cast<double>(scannedTo - begin) / static_cast<double>(blockEvents);
            auto expected = static_cast<std::size_t>(1.02 * static_cast<double>(all.size() - begin) / perEvent) + 16;
            offsets_.reserve(expected);
            lengths_.reserve(expected);
            lines_.reserve(expected);
            heads_.reserve(expected);
        }
        std::size_t blockFirst = size();
        for (const ScannedLines& range : block) {
            addScanned(range, nextLine);
            nextLine += range.lineCount;
        }
        if (indexed) {
            IndexedBlock handed{text_, {}, released, scannedTo};
            handed.lines.reserve(size() - blockFirst);
            for (std::size_t i = blockFirst; i < size(); ++i) handed.lines.push_back(line(i));
            indexed(std::move(handed));
        } else {
            // What is indexed is not read again until a panel asks for an event: give its pages back.
            text_->release(released, scannedTo);
        }
        released = scannedTo;
        if (progress) {
            progress->fraction = static_cast<float>(scannedTo) / static_cast<float>(all.size());
            progress->events = size();
        }
        if (size() >= maxEvents) break;
    }
    if (!indexed) text_->release(released, SIZE_MAX);
    if (progress) progress->fraction = 1.0f;
}

void TraceModel::addScanned(const ScannedLines& lines, std::size_t firstLine) {
    // A kind joins the model with its first good event, not with a line the order refuses.
    std::vector<int> kinds(lines.kinds.size(), -1);
    auto kindOf = [&](std::uint16_t local) {
        if (kinds[local] < 0) kinds[local] = kindIdFor(lines.kinds[local]);
        return static_cast<KindId>(kinds[local]);
    };
    // Events and bad lines, merged back into file order.
    auto bad = lines.bad.begin();
    auto report = [&](std::uint32_t upTo) {
        for (; bad != lines.bad.end() && bad->first < upTo; ++bad) {
            problems_.push_back(TraceProblem{path_, firstLine + bad->first, bad->second});
        }
    };
    for (const ScannedEvent& event : lines.events) {
        report(event.line);
        std::size_t line = firstLine + event.line;
        if (auto why = order_.check(event.seq, event.t, event.iter)) {
            problems_.push_back(TraceProblem{path_, line, std::move(*why)});
            continue;
        }
        add(event.offset, event.length, line, EventHead{event.seq, event.t, event.iter, kindOf(event.kind)}, event.ids);
    }
    report(UINT32_MAX);
}

TraceModel TraceModel::fromTrace(TraceFile trace, std::string name) {
    TraceModel model;
    model.path_ = std::move(name);
    model.problems_ = std::move(trace.problems);
    model.text_ = TraceText::held();
    model.readHeader(trace.header);
    for (std::size_t i = 0; i < trace.events.size(); ++i) model.addParsed(trace.events[i], i < trace.lines.size() ? trace.lines[i] : 0);
    return model;
}

TraceModel TraceModel::following(const std::string& path) {
    TraceModel model;
    model.path_ = path;
    model.text_ = TraceText::held();
    return model;
}

std::size_t TraceModel::catchUp(TraceStream& stream, std::size_t maxEvents) {
    if (!text_) text_ = TraceText::held();
    std::size_t first = size();
    TraceJson event;
    while (size() - first < maxEvents && stream.next(event)) addParsed(event, stream.line());
    for (TraceProblem& problem : stream.takeProblems()) problems_.push_back(std::move(problem));
    if (!hasHeader_) readHeader(stream.header());
    return size() - first;
}

void TraceModel::addParsed(const TraceJson& event, std::size_t line) {
    std::string text = event.dump();
    std::size_t offset = text_->append(text);
    EventHead head;
    std::string kindName;
    EventIds ids;
    fieldsOf(event, head.seq, head.t, head.iter, kindName, ids);
    head.kind = kindIdFor(kindName);
    add(offset, text.size(), line, head, ids);
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

KindId TraceModel::kindIdFor(std::string_view name) {
    auto found = kindIds_.find(name);
    if (found != kindIds_.end()) return found->second;
    auto id = static_cast<KindId>(kindNames_.size());
    kindIds_.emplace(std::string(name), id);
    kindNames_.emplace_back(name);
    byKind_.emplace_back();
    int timerRole = name == kind::timerScheduled ? 1 : name == kind::timerFired ? 2 : name == kind::timerCancelled ? 3 : 0;
    roles_.push_back(KindRole{startsCallback(name), kind::isLoopStructure(name), timerRole});
    return id;
}

void TraceModel::add(std::uint64_t offset, std::size_t length, std::size_t line, const EventHead& head, const EventIds& ids) {
    std::size_t i = heads_.size();
    offsets_.push_back(offset);
    lengths_.push_back(static_cast<std::uint32_t>(length));
    lines_.push_back(static_cast<std::uint32_t>(line));
    heads_.push_back(head);
    byKind_[head.kind].push_back(i);
    for (std::size_t f = 0; f < kEventIdFieldCount; ++f) {
        if (ids.present & (1u << f)) byId_[f][ids.value[f]].push_back(i);
    }

    if (iterations_.empty() || iterations_.back().iter != head.iter) {
        iterations_.push_back(IterationSpan{head.iter, i, i, head.t, head.t});
    } else {
        iterations_.back().last = i;
        iterations_.back().tEnd = head.t;
    }

    const KindRole& role = roles_[head.kind];
    if (role.ends) cause_ = SIZE_MAX;
    if (role.starts) cause_ = i;
    constexpr std::size_t kTimer = 2;  // kEventIdFields[2]
    if (ids.present & (1u << kTimer)) {
        std::int64_t timer = ids.value[kTimer];
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

namespace {
// The position of `field` in kEventIdFields, or kEventIdFieldCount when it is not one of them.
std::size_t idFieldIndex(std::string_view field) {
    return static_cast<std::size_t>(std::find(std::begin(kEventIdFields), std::end(kEventIdFields), field) - std::begin(kEventIdFields));
}
}  // namespace

const std::vector<std::size_t>& TraceModel::eventsFor(std::string_view field, std::int64_t id) const {
    std::size_t f = idFieldIndex(field);
    if (f == kEventIdFieldCount) return kNoEvents;
    auto events = byId_[f].find(id);
    return events == byId_[f].end() ? kNoEvents : events->second;
}

bool TraceModel::hasIds(std::string_view field) const {
    std::size_t f = idFieldIndex(field);
    return f != kEventIdFieldCount && !byId_[f].empty();
}

std::vector<std::int64_t> TraceModel::idsOf(std::string_view field) const {
    std::vector<std::int64_t> ids;
    std::size_t f = idFieldIndex(field);
    if (f == kEventIdFieldCount) return ids;
    for (const auto& [id, events] : byId_[f]) ids.push_back(id);
    return ids;
}

std::size_t TraceModel::firstAtOrAfter(std::int64_t t) const {
    auto it = std::lower_bound(heads_.begin(), heads_.end(), t,
                               [](const EventHead& head, std::int64_t time) { return head.t < time; });
    return static_cast<std::size_t>(it - heads_.begin());
}

}  // namespace lab::viz
