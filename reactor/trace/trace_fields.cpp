// Tolerant field readers; see trace_fields.h.
#include "trace/trace_fields.h"

namespace lab {

namespace {
const TraceJson* find(const TraceJson& event, std::string_view key) {
    if (!event.is_object()) return nullptr;
    auto it = event.find(key);
    return it == event.end() || it->is_null() ? nullptr : &*it;
}
}  // namespace

std::int64_t intField(const TraceJson& event, std::string_view key, std::int64_t fallback) {
    const TraceJson* value = find(event, key);
    return value && value->is_number_integer() ? value->get<std::int64_t>() : fallback;
}

std::optional<std::int64_t> optionalIntField(const TraceJson& event, std::string_view key) {
    const TraceJson* value = find(event, key);
    if (!value || !value->is_number_integer()) return std::nullopt;
    return value->get<std::int64_t>();
}

bool boolField(const TraceJson& event, std::string_view key, bool fallback) {
    const TraceJson* value = find(event, key);
    return value && value->is_boolean() ? value->get<bool>() : fallback;
}

std::string textField(const TraceJson& event, std::string_view key, std::string_view fallback) {
    const TraceJson* value = find(event, key);
    if (!value) return std::string(fallback);
    return value->is_string() ? value->get<std::string>() : value->dump();
}

int fdField(const TraceJson& event, std::string_view key) { return static_cast<int>(intField(event, key, -1)); }

std::vector<int> fdListField(const TraceJson& event, std::string_view key) {
    std::vector<int> fds;
    const TraceJson* value = find(event, key);
    if (!value || !value->is_array()) return fds;
    for (const auto& fd : *value) {
        if (fd.is_number_integer()) fds.push_back(fd.get<int>());
    }
    return fds;
}

}  // namespace lab
