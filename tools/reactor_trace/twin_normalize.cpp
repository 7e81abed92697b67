// normalizeTwin; see twin_normalize.h.
#include "twin_normalize.h"

#include <map>
#include <set>

#include "trace/trace_event.h"
#include "trace/trace_normalize.h"

namespace lab::cli {

namespace {

// The kinds that name a handler: an internal handler's (a waker's, say) are dropped.
bool namesHandler(const std::string& kind) {
    return kind == kind::readerAdded || kind == kind::readerRemoved || kind == kind::writerAdded ||
           kind == kind::writerRemoved || kind == kind::handlerCalled || kind == kind::connectionLost;
}

bool isTypeOnly(const std::string& key) { return key == "reason" || key == "failure" || key == "error"; }

// "Type: message" -> its parts; text with no ": " is all type.
std::pair<std::string, std::string> splitFailure(const std::string& text) {
    auto colon = text.find(": ");
    if (colon == std::string::npos) return {text, ""};
    return {text.substr(0, colon), text.substr(colon)};
}

class Normalizer {
public:
    Normalizer(const TwinTable& table, TwinSide side) : table_(table), side_(side) {}

    // False when the event is dropped.
    bool apply(TraceJson& event) {
        std::string kind = event.value("kind", "");
        if (namesHandler(kind) && event.contains("handler") && event["handler"].is_string() &&
            table_.internal.count(event["handler"].get<std::string>())) {
            if (event.contains("fd") && event["fd"].is_number_integer()) internalFds_.insert(event["fd"].get<std::int64_t>());
            return false;
        }
        if (kind == kind::readerAdded || kind == kind::writerAdded) {
            if (event.contains("fd") && event["fd"].is_number_integer()) internalFds_.erase(event["fd"].get<std::int64_t>());
        }
        TraceJson out = TraceJson::object();
        for (auto& [key, value] : event.items()) {
            if (key == "seq" || key == "iter" || table_.ignore.count(key)) continue;
            out[key] = normalizeValue(key, value);
        }
        fds_.apply(out);
        for (const std::string& field : table_.renumber) {
            if (out.contains(field) && out[field].is_number_integer()) {
                auto [it, added] = ids_[field].emplace(out[field].get<std::int64_t>(), ids_[field].size() + 1);
                out[field] = it->second;
            }
        }
        event = std::move(out);
        return true;
    }

private:
    TraceJson normalizeValue(const std::string& key, const TraceJson& value) {
        if (value.is_array() && isFdField(key)) {
            TraceJson kept = TraceJson::array();
            for (const TraceJson& fd : value) {
                if (!(fd.is_number_integer() && internalFds_.count(fd.get<std::int64_t>()))) kept.push_back(fd);
            }
            return kept;
        }
        if (!value.is_string()) return value;
        std::string text = value.get<std::string>();
        auto [type, message] = splitFailure(text);
        if (side_ == TwinSide::twisted) {
            if (auto it = table_.names.find(text); it != table_.names.end()) return it->second;
            if (auto it = table_.names.find(type); it != table_.names.end() && !message.empty()) {
                type = it->second;
                text = type + message;
            }
        }
        return isTypeOnly(key) ? type : text;
    }

    const TwinTable& table_;
    TwinSide side_;
    std::set<std::int64_t> internalFds_;
    FdRenumbering fds_;
    std::map<std::string, std::map<std::int64_t, std::int64_t>> ids_;
};

}  // namespace

std::vector<TwinEvent> normalizeTwin(const TraceFile& trace, const TwinTable& table, TwinSide side) {
    Normalizer normalizer(table, side);
    std::vector<TwinEvent> events;
    for (std::size_t i = 0; i < trace.events.size(); ++i) {
        TraceJson event = trace.events[i];
        if (!normalizer.apply(event)) continue;
        std::string text = event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        events.push_back(TwinEvent{std::move(event), std::move(text), trace.lines[i]});
    }
    return events;
}

}  // namespace lab::cli
