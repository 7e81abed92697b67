// appendJsonLine; see json_line_writer.h. Key order: seq, t, iter, kind, then the fields as emitted.
#include "trace/json_line_writer.h"

#include <array>
#include <charconv>
#include <cstdint>

namespace lab {

namespace {

void appendInteger(std::string& out, std::int64_t value) {
    char digits[24];
    auto result = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, result.ptr);
}

// Length of the valid UTF-8 sequence starting at text[i], or 0 if the bytes there are not one.
std::size_t utf8SequenceLength(std::string_view text, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char lead = byte(i);
    std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    }
    // Reject overlong forms, surrogates and code points past U+10FFFF.
    if (length == 2 && lead < 0xC2) return 0;
    if (length == 3 && lead == 0xE0 && byte(i + 1) < 0xA0) return 0;
    if (length == 3 && lead == 0xED && byte(i + 1) >= 0xA0) return 0;
    if (length == 4 && lead == 0xF0 && byte(i + 1) < 0x90) return 0;
    if (length == 4 && (lead > 0xF4 || (lead == 0xF4 && byte(i + 1) >= 0x90))) return 0;
    return length;
}

struct AppendValue {
    std::string& out;
    void operator()(std::nullptr_t) const { out += "null"; }
    void operator()(bool b) const { out += b ? "true" : "false"; }
    void operator()(std::int64_t i) const { appendInteger(out, i); }
    void operator()(std::string_view s) const { appendJsonString(out, s); }
    void operator()(std::span<const int> fds) const {
        out += '[';
        for (std::size_t i = 0; i < fds.size(); ++i) {
            if (i > 0) out += ',';
            appendInteger(out, fds[i]);
        }
        out += ']';
    }
};

}  // namespace

// True for the bytes a JSON string can hold as they are: printable ASCII except '"' and '\\'.
// One table lookup per byte is about half the instructions of the four comparisons
// (callgrind on an echo trace: this scan is the writer's largest cost).
constexpr std::array<bool, 256> kPlain = [] {
    std::array<bool, 256> plain{};
    for (int c = 0x20; c < 0x80; ++c) plain[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
    return plain;
}();

void appendJsonString(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (std::size_t i = 0; i < text.size();) {
        // Plain printable ASCII needs no escaping: copy the whole run at once (the common case).
        std::size_t plain = i;
        while (plain < text.size() && kPlain[static_cast<unsigned char>(text[plain])]) ++plain;
        out.append(text.data() + i, plain - i);
        i = plain;
        if (i == text.size()) break;
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            std::size_t length = utf8SequenceLength(text, i);
            if (length == 0) {
                out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER for one bad byte
                ++i;
            } else {
                out.append(text.substr(i, length));
                i += length;
            }
            continue;
        }
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out += hex[c >> 4];
                    out += hex[c & 0xF];
                } else {
                    out += static_cast<char>(c);
                }
        }
        ++i;
    }
    out += '"';
}

void appendJsonLine(std::string& out, const TraceEvent& event) {
    out += "{\"seq\":";
    appendInteger(out, static_cast<std::int64_t>(event.seq));
    out += ",\"t\":";
    appendInteger(out, event.t.time_since_epoch().count());
    out += ",\"iter\":";
    appendInteger(out, static_cast<std::int64_t>(event.iter));
    out += ",\"kind\":";
    appendJsonString(out, event.kind);
    for (const TraceField& field : event.fields) {
        out += ',';
        appendJsonString(out, field.key);
        out += ':';
        std::visit(AppendValue{out}, field.value.storage());
    }
    out += "}\n";
}

}  // namespace lab
