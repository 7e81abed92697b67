// Traces for the visualizer's model tests: from text (hand-written lines), from a MemorySink
// (what the reactor recorded), and the synthetic workload (visualizer/tools/synthetic_trace.h).
#pragma once

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "model/trace_model.h"
#include "tools/synthetic_trace.h"
#include "trace/memory_sink.h"
#include "trace/trace_reader.h"

namespace lab::viz::test {

inline const std::string kHeader =
    R"({"schema":"reactor-lab-trace","version":1,"program":"test","backend":"select","clock":"manual","time_unit":"ns"})";

// A model from trace text; `events` are lines after the header.
inline TraceModel modelFromText(const std::string& events, const std::string& name = "test.jsonl") {
    std::istringstream in(kHeader + "\n" + events);
    return TraceModel::fromTrace(readTrace(in, name), name);
}

inline TraceModel modelFromSink(const MemorySink& sink, const std::string& name = "memory") {
    TraceFile trace;
    trace.header = sink.headerJson();
    trace.events = sink.events();
    for (std::size_t i = 0; i < trace.events.size(); ++i) trace.lines.push_back(i + 2);
    return TraceModel::fromTrace(std::move(trace), name);
}

inline TraceModel syntheticModel(std::size_t events) {
    MemorySink sink;
    recordSyntheticTrace(sink, events);
    return modelFromSink(sink, "synthetic");
}

inline std::string edgeTrace(const std::string& name) {
    return std::string(REACTOR_LAB_SOURCE_DIR) + "/traces/edge/" + name;
}

// Every trace the project ships: the lessons' goldens and Twisted twins, the samples, the edge
// fixtures and the visualizer's fixtures.
inline std::vector<std::string> shippedTraces() {
    std::vector<std::string> paths;
    std::filesystem::path root(REACTOR_LAB_SOURCE_DIR);
    for (const auto& lesson : std::filesystem::directory_iterator(root / "lessons")) {
        if (!lesson.is_directory()) continue;
        for (const auto& entry : std::filesystem::directory_iterator(lesson.path())) {
            if (entry.path().extension() == ".jsonl") paths.push_back(entry.path().string());
        }
    }
    for (const char* folder : {"traces/samples", "traces/edge", "tests/visualizer/fixtures"}) {
        for (const auto& entry : std::filesystem::directory_iterator(root / folder)) {
            if (entry.path().extension() == ".jsonl") paths.push_back(entry.path().string());
        }
    }
    return paths;
}

}  // namespace lab::viz::test
