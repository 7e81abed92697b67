// handlerCalls: how many times the loop dispatched to a handler, counted from a recorded trace.
#pragma once

#include <cstddef>
#include <string>

#include "trace/memory_sink.h"

namespace lab::test {

// The handler_called events naming `handler` (its logPrefix, e.g. "ListeningPort").
inline std::size_t handlerCalls(const MemorySink& sink, const std::string& handler) {
    std::size_t calls = 0;
    for (const auto& event : sink.ofKind("handler_called")) calls += event["handler"] == handler ? 1 : 0;
    return calls;
}

}  // namespace lab::test
