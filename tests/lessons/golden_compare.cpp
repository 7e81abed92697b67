// golden-compare [--events-only] EXPECTED ACTUAL: are two traces the same, once descriptor numbers
// are renumbered in order of first appearance (the one environmental part of a trace;
// traces/SCHEMA.md)? --events-only skips the header, to show that two backends differ only there.
// Prints the first difference as "line N: expected ... / actual ..." and exits 1; 0 when equal;
// 2 when either file cannot be read cleanly.
#include <iostream>
#include <map>
#include <string>

#include "trace/trace_reader.h"

using lab::TraceJson;

namespace {

bool isFdField(const std::string& key) {
    return key == "fd" || key == "readers" || key == "writers" || key == "readable" || key == "writable" ||
           key == "disconnected";
}

// Rewrites every descriptor number to f1, f2, ... in order of first appearance.
class FdRenumbering {
public:
    void apply(TraceJson& event) {
        for (auto& [key, value] : event.items()) {
            if (!isFdField(key)) continue;
            if (value.is_number_integer()) value = name(value.get<int>());
            if (value.is_array()) {
                for (auto& fd : value) fd = name(fd.get<int>());
            }
        }
    }

private:
    std::string name(int fd) {
        if (fd < 0) return std::to_string(fd);
        auto [it, added] = names_.emplace(fd, "f" + std::to_string(names_.size() + 1));
        return it->second;
    }
    std::map<int, std::string> names_;
};

bool readable(const lab::TraceFile& trace) {
    for (const auto& problem : trace.problems) std::cerr << problem.toString() << "\n";
    return trace.ok();
}

}  // namespace

int main(int argc, char** argv) {
    bool eventsOnly = argc == 4 && std::string(argv[1]) == "--events-only";
    if (argc != 3 && !eventsOnly) {
        std::cerr << "usage: golden-compare [--events-only] EXPECTED.jsonl ACTUAL.jsonl\n";
        return 2;
    }
    lab::TraceFile expected = lab::readTraceFile(argv[argc - 2]);
    lab::TraceFile actual = lab::readTraceFile(argv[argc - 1]);
    if (!readable(expected) || !readable(actual)) return 2;
    if (!eventsOnly && expected.header != actual.header) {
        std::cerr << "line 1 (header): expected " << expected.header.dump() << "\n"
                  << "                 actual   " << actual.header.dump() << "\n";
        return 1;
    }
    FdRenumbering expectedFds;
    FdRenumbering actualFds;
    std::size_t count = std::min(expected.events.size(), actual.events.size());
    for (std::size_t i = 0; i < count; ++i) {
        TraceJson e = expected.events[i];
        TraceJson a = actual.events[i];
        expectedFds.apply(e);
        actualFds.apply(a);
        if (e != a) {
            std::cerr << "line " << expected.lines[i] << ": expected " << expected.events[i].dump() << "\n"
                      << "line " << actual.lines[i] << ": actual   " << actual.events[i].dump() << "\n";
            return 1;
        }
    }
    if (expected.events.size() != actual.events.size()) {
        std::cerr << "expected " << expected.events.size() << " events, got " << actual.events.size() << "\n";
        return 1;
    }
    return 0;
}
