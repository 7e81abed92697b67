// toJson / toLine; see trace_json.h.
#include "trace/trace_json.h"

namespace lab {

namespace {
struct FieldToJson {
    TraceJson operator()(std::nullptr_t) const { return nullptr; }
    TraceJson operator()(bool b) const { return b; }
    TraceJson operator()(std::int64_t i) const { return i; }
    TraceJson operator()(std::string_view s) const { return std::string(s); }
    TraceJson operator()(std::span<const int> fds) const { return TraceJson(std::vector<int>(fds.begin(), fds.end())); }
};
}  // namespace

TraceJson toJson(const TraceHeader& header) {
    TraceJson json;
    json["schema"] = kTraceSchema;
    json["version"] = kTraceVersion;
    json["program"] = header.program;
    json["backend"] = header.backend;
    json["clock"] = header.clock;
    json["time_unit"] = "ns";
    return json;
}

TraceJson toJson(const TraceEvent& event) {
    TraceJson json;
    json["seq"] = event.seq;
    json["t"] = event.t.time_since_epoch().count();
    json["iter"] = event.iter;
    json["kind"] = event.kind;
    for (const TraceField& field : event.fields) json[std::string(field.key)] = std::visit(FieldToJson{}, field.value.storage());
    return json;
}

std::string toLine(const TraceJson& json) { return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

}  // namespace lab
