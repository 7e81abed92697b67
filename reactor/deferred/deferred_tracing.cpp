// DeferredTracing; see deferred_tracing.h.
#include "deferred/deferred_tracing.h"

#include <stdexcept>
#include <string_view>

namespace lab {

namespace {
// Process-wide on purpose: a Deferred can be made anywhere, with no reactor at hand. The
// library runs on one thread (the reactor's), so plain variables suffice.
bool scopeActive = false;
Tracer* currentTracer = nullptr;  // nullptr also when the scope's sink is off
std::uint64_t lastId = 0;
}  // namespace

DeferredTracing::DeferredTracing(Tracer& tracer) {
    if (scopeActive) {
        throw std::logic_error("DeferredTracing: a scope is already active; make only one at a time");
    }
    scopeActive = true;
    currentTracer = tracer.on() ? &tracer : nullptr;
    lastId = 0;
}

DeferredTracing::~DeferredTracing() {
    scopeActive = false;
    currentTracer = nullptr;
}

Tracer* DeferredTracing::current() { return currentTracer; }

std::uint64_t DeferredTracing::nextId() { return ++lastId; }

std::string sourceText(const std::source_location& where) {
    return std::string(where.file_name()) + ":" + std::to_string(where.line());
}

std::string defaultLabel(const std::source_location& where) {
    std::string_view file = where.file_name();
    if (auto slash = file.rfind('/'); slash != std::string_view::npos) file.remove_prefix(slash + 1);
    return std::string(file) + ":" + std::to_string(where.line());
}

}  // namespace lab
