// EventView; see event_view.h.
#include "model/event_view.h"

#include "model/trace_scan.h"
#include "trace/trace_fields.h"

namespace lab::viz {

using simdjson::dom::element_type;

namespace {
// Keys are short and many share a length ("kind", "iter", "port"): the first byte tells most
// apart before a compare of the whole.
bool sameKey(std::string_view a, std::string_view b) { return a.size() == b.size() && (a.empty() || a[0] == b[0]) && a == b; }
}  // namespace

EventView::EventView(simdjson::dom::parser& parser, std::string_view line) {
    simdjson::dom::element root;
    simdjson::dom::object object;
    bool read = !hasUnicodeEscape(line) && parser.parse(line.data(), line.size(), true).get(root) == simdjson::SUCCESS &&
                root.get_object().get(object) == simdjson::SUCCESS && keepFields(object);
    if (!read) {
        parsed_ = TraceJson::parse(line);
        json_ = &parsed_;
    }
}

EventView::EventView(simdjson::dom::object object, std::string_view line) {
    if (hasUnicodeEscape(line) || !keepFields(object)) {
        fieldCount_ = 0;
        parsed_ = TraceJson::parse(line);
        json_ = &parsed_;
    }
}

bool EventView::keepFields(simdjson::dom::object object) {
    for (simdjson::dom::key_value_pair field : object) {
        if (fieldCount_ == kMaxFields) return false;
        for (std::size_t k = 0; k < fieldCount_; ++k) {
            if (sameKey(fields_[k].key, field.key)) return false;
        }
        switch (field.value.type()) {
            case element_type::INT64:
            case element_type::STRING:
            case element_type::BOOL:
            case element_type::NULL_VALUE: break;
            case element_type::ARRAY: {
                simdjson::dom::array items = field.value.get_array().value_unsafe();
                for (simdjson::dom::element item : items) {
                    if (item.type() != element_type::INT64) return false;
                }
                break;
            }
            default: return false;  // an object, a uint64, a double
        }
        fields_[fieldCount_++] = Field{field.key, field.value};
    }
    return true;
}

bool EventView::contains(std::string_view key) const {
    if (json_) return json_->contains(key);
    for (std::size_t k = 0; k < fieldCount_; ++k) {
        if (sameKey(fields_[k].key, key)) return true;
    }
    return false;
}

bool EventView::find(std::string_view key, simdjson::dom::element& value) const {
    for (std::size_t k = 0; k < fieldCount_; ++k) {
        if (sameKey(fields_[k].key, key)) {
            value = fields_[k].value;
            return !value.is_null();
        }
    }
    return false;
}

std::int64_t intField(const EventView& event, std::string_view key, std::int64_t fallback) {
    if (event.json()) return lab::intField(*event.json(), key, fallback);
    simdjson::dom::element value;
    return event.find(key, value) && value.is_int64() ? value.get_int64().value_unsafe() : fallback;
}

std::optional<std::int64_t> optionalIntField(const EventView& event, std::string_view key) {
    if (event.json()) return lab::optionalIntField(*event.json(), key);
    simdjson::dom::element value;
    if (!event.find(key, value) || !value.is_int64()) return std::nullopt;
    return value.get_int64().value_unsafe();
}

bool boolField(const EventView& event, std::string_view key, bool fallback) {
    if (event.json()) return lab::boolField(*event.json(), key, fallback);
    simdjson::dom::element value;
    return event.find(key, value) && value.is_bool() ? value.get_bool().value_unsafe() : fallback;
}

std::optional<std::string> optionalTextField(const EventView& event, std::string_view key) {
    if (event.json()) {
        auto found = event.json()->find(key);
        if (found == event.json()->end() || found->is_null()) return std::nullopt;
        return lab::textField(*event.json(), key);
    }
    simdjson::dom::element value;
    if (!event.find(key, value)) return std::nullopt;
    // A plain view's values are strings, int64s, booleans and lists of int64s (event_view.h);
    // the others are given as their JSON text, as nlohmann's dump() writes it.
    switch (value.type()) {
        case element_type::STRING: return std::string(value.get_string().value_unsafe());
        case element_type::INT64: return std::to_string(value.get_int64().value_unsafe());
        case element_type::BOOL: return std::string(value.get_bool().value_unsafe() ? "true" : "false");
        default: break;
    }
    std::string text = "[";
    simdjson::dom::array items = value.get_array().value_unsafe();
    for (simdjson::dom::element item : items) {
        if (text.size() > 1) text += ',';
        text += std::to_string(item.get_int64().value_unsafe());
    }
    return text + "]";
}

std::string textField(const EventView& event, std::string_view key, std::string_view fallback) {
    if (event.json()) return lab::textField(*event.json(), key, fallback);
    std::optional<std::string> text = optionalTextField(event, key);
    return text ? std::move(*text) : std::string(fallback);
}

int fdField(const EventView& event, std::string_view key) { return static_cast<int>(intField(event, key, -1)); }

std::vector<int> fdListField(const EventView& event, std::string_view key) {
    if (event.json()) return lab::fdListField(*event.json(), key);
    std::vector<int> fds;
    simdjson::dom::element value;
    if (!event.find(key, value) || !value.is_array()) return fds;
    simdjson::dom::array items = value.get_array().value_unsafe();
    for (simdjson::dom::element item : items) {
        fds.push_back(static_cast<int>(item.get_int64().value_unsafe()));
    }
    return fds;
}

}  // namespace lab::viz
