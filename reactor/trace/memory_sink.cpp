// MemorySink; see memory_sink.h.
#include "trace/memory_sink.h"

namespace lab {

std::vector<std::string> MemorySink::kinds() const {
    std::vector<std::string> kinds;
    for (const auto& event : events_) kinds.push_back(event["kind"].get<std::string>());
    return kinds;
}

std::vector<TraceJson> MemorySink::ofKind(std::string_view kind) const {
    std::vector<TraceJson> matching;
    for (const auto& event : events_) {
        if (event["kind"] == kind) matching.push_back(event);
    }
    return matching;
}

}  // namespace lab
