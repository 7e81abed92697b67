// scanLines; see trace_scan.h.
#include "model/trace_scan.h"

#include <simdjson.h>

#include <cstring>

#include "trace/trace_reader.h"

namespace lab::viz {

namespace {

// Bits of the keys the index reads, to see a key given twice (nlohmann keeps the last one,
// simdjson's lookups the first: such a line goes to the reader).
constexpr unsigned kSeqBit = 1u << kEventIdFieldCount, kTimeBit = kSeqBit << 1, kIterBit = kSeqBit << 2, kKindBit = kSeqBit << 3;

bool nonNegativeInt(simdjson::dom::element value, std::int64_t& out) {
    if (value.type() != simdjson::dom::element_type::INT64) return false;
    out = value.get_int64().value_unsafe();
    return out >= 0;
}

// The fast path: true when simdjson finds a JSON object with seq, t, iter (non-negative int64s)
// and kind (a non-empty string), each once, and every id field it has an int64 or no number.
// That is exactly a line the reader accepts, with the same values. False means "ask the reader".
bool fastFields(simdjson::dom::parser& parser, std::string_view line, ScannedEvent& out, std::string_view& kind) {
    if (line.empty() || hasUnicodeEscape(line)) return false;
    simdjson::dom::element root;
    if (parser.parse(line.data(), line.size(), true).get(root) != simdjson::SUCCESS) return false;
    simdjson::dom::object object;
    if (root.get_object().get(object) != simdjson::SUCCESS) return false;
    unsigned seen = 0;
    for (simdjson::dom::key_value_pair field : object) {
        std::string_view key = field.key;
        unsigned bit = 0;
        bool good = true;
        if (key == "seq") bit = kSeqBit, good = nonNegativeInt(field.value, out.seq);
        else if (key == "t") bit = kTimeBit, good = nonNegativeInt(field.value, out.t);
        else if (key == "iter") bit = kIterBit, good = nonNegativeInt(field.value, out.iter);
        else if (key == "kind") bit = kKindBit, good = field.value.get_string().get(kind) == simdjson::SUCCESS && !kind.empty();
        else {
            for (std::size_t f = 0; f < kEventIdFieldCount; ++f) {
                if (key != kEventIdFields[f]) continue;
                bit = 1u << f;
                simdjson::dom::element_type type = field.value.type();
                if (type == simdjson::dom::element_type::INT64) {
                    out.ids.value[f] = field.value.get_int64().value_unsafe();
                    out.ids.present |= static_cast<std::uint8_t>(bit);
                } else if (type == simdjson::dom::element_type::UINT64 || type == simdjson::dom::element_type::DOUBLE) {
                    good = false;  // nlohmann's integer or float may differ (2^63, -0): the reader says
                }
            }
        }
        if (!good || (seen & bit) != 0) return false;
        seen |= bit;
    }
    return (seen & (kSeqBit | kTimeBit | kIterBit | kKindBit)) == (kSeqBit | kTimeBit | kIterBit | kKindBit);
}

std::uint16_t localKind(ScannedLines& out, std::map<std::string, std::uint16_t, std::less<>>& kinds, std::string_view name) {
    auto found = kinds.find(name);
    if (found != kinds.end()) return found->second;
    auto id = static_cast<std::uint16_t>(out.kinds.size());
    out.kinds.emplace_back(name);
    kinds.emplace(std::string(name), id);
    return id;
}

}  // namespace

bool hasUnicodeEscape(std::string_view line) {
    // "\\" is an escaped backslash: the search goes on after it, so "\\u" is not an escape.
    for (std::size_t at = line.find('\\'); at != std::string_view::npos; at = line.find('\\', at + 2)) {
        if (at + 1 < line.size() && line[at + 1] == 'u') return true;
    }
    return false;
}

void fieldsOf(const TraceJson& event, std::int64_t& seq, std::int64_t& t, std::int64_t& iter, std::string& kind, EventIds& ids) {
    ids = EventIds{};
    // One pass over the fields (the reader has checked seq, t, iter and kind).
    for (const auto& [key, value] : event.items()) {
        if (key == "seq") seq = value.get<std::int64_t>();
        else if (key == "t") t = value.get<std::int64_t>();
        else if (key == "iter") iter = value.get<std::int64_t>();
        else if (key == "kind") kind = value.get_ref<const std::string&>();
        else if (value.is_number_integer()) {
            for (std::size_t f = 0; f < kEventIdFieldCount; ++f) {
                if (key != kEventIdFields[f]) continue;
                ids.value[f] = value.get<std::int64_t>();
                ids.present |= static_cast<std::uint8_t>(1u << f);
            }
        }
    }
}

ScannedLines scanLines(std::string_view text, std::size_t begin, std::size_t end) {
    ScannedLines out;
    // Sized once: an event's line is seldom under 64 bytes, and growing by doubling copies.
    out.events.reserve((end - begin) / 64 + 1);
    std::map<std::string, std::uint16_t, std::less<>> kinds;
    simdjson::dom::parser parser;
    TraceJson event;
    std::string kindName;
    for (std::size_t at = begin; at < end;) {
        const void* found = std::memchr(text.data() + at, '\n', end - at);
        std::size_t stop = found ? static_cast<std::size_t>(static_cast<const char*>(found) - text.data()) : end;
        bool unterminated = !found && stop == text.size();
        std::string_view line = text.substr(at, stop - at);
        ScannedEvent scanned;
        scanned.offset = at;
        scanned.length = static_cast<std::uint32_t>(line.size());
        scanned.line = out.lineCount++;
        std::string_view kind;
        if (fastFields(parser, line, scanned, kind)) {
            scanned.kind = localKind(out, kinds, kind);
            out.events.push_back(scanned);
        } else if (auto why = checkEventLine(line, unterminated, event)) {
            out.bad.emplace_back(scanned.line, std::move(*why));
        } else {
            fieldsOf(event, scanned.seq, scanned.t, scanned.iter, kindName, scanned.ids);
            scanned.kind = localKind(out, kinds, kindName);
            out.events.push_back(scanned);
        }
        at = stop + 1;
    }
    return out;
}

}  // namespace lab::viz
