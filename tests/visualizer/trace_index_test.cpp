// TraceModel's compact index (issue 16 item 1): what load() scans from the mapped file says
// exactly what the library's reader says, and the index agrees with the fully parsed events.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "model/trace_model.h"
#include "trace/json_lines_sink.h"
#include "trace_fixtures.h"

using namespace lab;
using namespace lab::viz;
using lab::viz::test::shippedTraces;

namespace {

// The scan said what the reader says: the same problems, in the same words, and the same events
// from the same lines.
void requireReadAsReaderReads(const TraceFile& expected, const TraceModel& model) {
    REQUIRE(model.hasHeader() == !expected.header.is_null());
    REQUIRE(model.size() == expected.events.size());
    for (std::size_t i = 0; i < expected.events.size(); ++i) {
        INFO("event " << i);
        REQUIRE(model.json(i) == expected.events[i]);
        REQUIRE(model.fileLine(i) == expected.lines[i]);
    }
    REQUIRE(model.problems().size() == expected.problems.size());
    for (std::size_t i = 0; i < expected.problems.size(); ++i) {
        CHECK(model.problems()[i].toString() == expected.problems[i].toString());
    }
}

// Every column and index of `model` is what its parsed events say, field by field, and what a
// model built from the reader's parsed events (TraceModel::fromTrace) holds.
void requireIndexAgrees(const TraceModel& model, const TraceModel& parsed) {
    REQUIRE(model.size() == parsed.size());
    REQUIRE(model.kindNames() == parsed.kindNames());
    for (std::size_t i = 0; i < model.size(); ++i) {
        INFO("event " << i);
        TraceJson event = model.json(i);
        const EventHead& head = model.head(i);
        REQUIRE(head.seq == event["seq"].get<std::int64_t>());
        REQUIRE(head.t == event["t"].get<std::int64_t>());
        REQUIRE(head.iter == event["iter"].get<std::int64_t>());
        REQUIRE(model.kindOf(i) == event["kind"].get<std::string>());
        REQUIRE(model.iterations()[model.iterationIndexOf(i)].iter == head.iter);
        const auto& ofKind = model.eventsOfKind(head.kind);
        REQUIRE(std::binary_search(ofKind.begin(), ofKind.end(), i));
        for (std::string_view field : TraceModel::kIdFields) {
            auto value = event.find(std::string(field));
            if (value == event.end() || !value->is_number_integer()) continue;
            const auto& named = model.eventsFor(field, value->get<std::int64_t>());
            REQUIRE(std::binary_search(named.begin(), named.end(), i));
        }
        REQUIRE(event == parsed.json(i));
        REQUIRE(head.kind == parsed.head(i).kind);
    }
    for (KindId k = 0; k < model.kindNames().size(); ++k) REQUIRE(model.eventsOfKind(k) == parsed.eventsOfKind(k));
    REQUIRE(model.iterations().size() == parsed.iterations().size());
    for (std::size_t s = 0; s < model.iterations().size(); ++s) {
        const IterationSpan &a = model.iterations()[s], &b = parsed.iterations()[s];
        REQUIRE((a.iter == b.iter && a.first == b.first && a.last == b.last && a.tBegin == b.tBegin && a.tEnd == b.tEnd));
    }
    for (std::string_view field : TraceModel::kIdFields) {
        REQUIRE(model.idsOf(field) == parsed.idsOf(field));
        for (std::int64_t id : model.idsOf(field)) REQUIRE(model.eventsFor(field, id) == parsed.eventsFor(field, id));
    }
    REQUIRE(model.timers().size() == parsed.timers().size());
    for (const auto& [id, timer] : model.timers()) {
        const TimerHistory& other = parsed.timers().at(id);
        REQUIRE((timer.scheduled == other.scheduled && timer.cause == other.cause && timer.fired == other.fired &&
                 timer.cancelled == other.cancelled));
    }
}

}  // namespace

TEST_CASE("TraceModel index: every edge fixture loads as readTraceFile reads it, problems included, on 1 to 3 threads") {
    std::filesystem::path edge = std::filesystem::path(REACTOR_LAB_SOURCE_DIR) / "traces" / "edge";
    int fixtures = 0;
    for (const auto& entry : std::filesystem::directory_iterator(edge)) {
        if (entry.path().extension() != ".jsonl") continue;
        ++fixtures;
        INFO(entry.path().string());
        TraceFile expected = readTraceFile(entry.path().string());
        for (unsigned threads : {1u, 2u, 3u}) {
            requireReadAsReaderReads(expected, TraceModel::load(entry.path().string(), nullptr, SIZE_MAX, threads));
        }
    }
    CHECK(fixtures >= 14);
}

TEST_CASE("TraceModel index: index and full parse agree on every field of every lesson trace and fixture") {
    int traces = 0;
    for (const std::string& path : shippedTraces()) {
        INFO(path);
        ++traces;
        TraceFile read = readTraceFile(path);
        TraceModel model = TraceModel::load(path);
        requireReadAsReaderReads(read, model);
        requireIndexAgrees(model, TraceModel::fromTrace(std::move(read), path));
    }
    CHECK(traces >= 40);
}

TEST_CASE("TraceModel index: a trace of several blocks, split over threads, keeps file order and checks order across splits") {
    std::string path = (std::filesystem::temp_directory_path() / "trace_index_test.jsonl").string();
    {
        JsonLinesSink sink(path);
        recordSyntheticTrace(sink, 150000);  // about 15 MB: two scan blocks of 8 MB
        sink.close();
    }
    REQUIRE(std::filesystem::file_size(path) > (10u << 20));
    TraceFile expected = readTraceFile(path);
    REQUIRE(expected.ok());
    TraceModel model = TraceModel::load(path, nullptr, SIZE_MAX, 2);
    requireReadAsReaderReads(expected, model);
    requireIndexAgrees(model, TraceModel::fromTrace(std::move(expected), path));

    // The first events alone (what the viewer shows while the rest indexes) are the same prefix.
    LoadProgress progress;
    TraceModel first = TraceModel::load(path, &progress, 1000, 2);
    REQUIRE(first.size() >= 1000);
    REQUIRE(first.size() < model.size());
    CHECK(progress.events == first.size());
    for (std::size_t i = 0; i < first.size(); ++i) REQUIRE(first.head(i).seq == model.head(i).seq);
    std::filesystem::remove(path);
}

TEST_CASE("TraceModel index: a missing file is one problem at line 0") {
    TraceModel model = TraceModel::load("/nonexistent/dir/trace.jsonl");
    REQUIRE(model.problems().size() == 1);
    CHECK(model.problems()[0].line == 0);
    CHECK(model.problems()[0].reason.find("cannot open") == 0);
    CHECK(model.empty());
}
