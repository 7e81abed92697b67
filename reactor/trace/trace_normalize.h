// Trace normalization: what is left of a trace once the environment is taken out, and the first
// place two traces differ after that.
//
// Descriptor numbers are the one environmental part of a trace (traces/SCHEMA.md, "Determinism
// and normalization"): a parent process may leave descriptors open, so the same program gets
// other fds elsewhere. FdRenumbering rewrites them as "f1", "f2", ... in order of first
// appearance; nothing else is normalized. This is the one copy of that rule: golden-compare
// (tests/lessons/golden_compare.cpp) and `reactor-trace diff` (tools/reactor_trace/diff.cpp)
// both call firstDifference. Tested in tests/tools/trace_cli_test.cpp and by every lesson's
// golden test.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "trace/trace_reader.h"

namespace lab {

// The event fields that hold descriptor numbers (one fd, or a list of them).
bool isFdField(std::string_view key);

// Rewrites every descriptor number of the events it is given, in the order it is given them.
// One renumbering per trace: the first fd a trace names becomes "f1" whatever its number.
class FdRenumbering {
public:
    void apply(TraceJson& event);

private:
    TraceJson name(const TraceJson& fd);
    std::map<std::int64_t, std::string> names_;
};

// Where two traces first differ once both are normalized.
struct TraceDifference {
    enum class Where {
        header,  // the header lines differ
        event,   // event `index` differs
        length,  // every event both have is the same; one trace has more (from `index` on)
    };
    Where where = Where::event;
    std::size_t index = 0;  // position in TraceFile::events
};

// nullopt when the traces are the same. `compareHeaders` false skips line 1 (two backends write
// the same events under different headers).
std::optional<TraceDifference> firstDifference(const TraceFile& a, const TraceFile& b, bool compareHeaders = true);

}  // namespace lab
