// FdRenumbering and firstDifference; see trace_normalize.h.
#include "trace/trace_normalize.h"

#include <algorithm>

namespace lab {

bool isFdField(std::string_view key) {
    return key == "fd" || key == "readers" || key == "writers" || key == "readable" || key == "writable" ||
           key == "disconnected";
}

void FdRenumbering::apply(TraceJson& event) {
    for (auto& [key, value] : event.items()) {
        if (!isFdField(key)) continue;
        if (value.is_number_integer()) value = name(value);
        if (value.is_array()) {
            for (auto& fd : value) fd = name(fd);
        }
    }
}

// A negative number (no descriptor) or a value that is not a number is left as it is: it is not
// environmental, and a difference there is a real one.
TraceJson FdRenumbering::name(const TraceJson& fd) {
    if (!fd.is_number_integer() || fd.get<std::int64_t>() < 0) return fd;
    auto [it, added] = names_.emplace(fd.get<std::int64_t>(), "f" + std::to_string(names_.size() + 1));
    return it->second;
}

std::optional<TraceDifference> firstDifference(const TraceFile& a, const TraceFile& b, bool compareHeaders) {
    if (compareHeaders && a.header != b.header) return TraceDifference{TraceDifference::Where::header, 0};
    FdRenumbering aFds;
    FdRenumbering bFds;
    std::size_t common = std::min(a.events.size(), b.events.size());
    for (std::size_t i = 0; i < common; ++i) {
        TraceJson x = a.events[i];
        TraceJson y = b.events[i];
        aFds.apply(x);
        bFds.apply(y);
        if (x != y) return TraceDifference{TraceDifference::Where::event, i};
    }
    if (a.events.size() != b.events.size()) return TraceDifference{TraceDifference::Where::length, common};
    return std::nullopt;
}

}  // namespace lab
