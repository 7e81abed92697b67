// MemorySink: keeps every event as a JSON object, for tests (Twisted's tests read their logs the
// same way). kinds() gives the sequence of kinds, the usual thing to assert on.
// Tested in tests/trace/trace_round_trip_test.cpp.
#pragma once

#include <string>
#include <vector>

#include "trace/trace_json.h"
#include "trace/trace_sink.h"

namespace lab {

class MemorySink final : public TraceSink {
public:
    void header(const TraceHeader& header) override { header_ = toJson(header); }
    void event(const TraceEvent& event) override { events_.push_back(toJson(event)); }

    const TraceJson& headerJson() const { return header_; }
    const std::vector<TraceJson>& events() const { return events_; }
    std::vector<std::string> kinds() const;
    // Events of one kind, in order.
    std::vector<TraceJson> ofKind(std::string_view kind) const;

private:
    TraceJson header_;
    std::vector<TraceJson> events_;
};

}  // namespace lab
