// RequestParser (request_parser.h): a small state machine over a byte buffer.
//
//   head --(Content-Length)--> body --> done
//        --(chunked)--> chunkSize --> chunkData --> chunkDataEnd --> chunkSize ... --> trailers --> done
//        --(neither)--> done
// Each state consumes what it can; a state that needs more bytes returns false and next() waits
// for the next feed(). Lines may end in CRLF or a bare LF (RFC 9112 allows a recipient to accept
// LF); a CR anywhere else in the head is refused, since it is a known request-smuggling trick.
#include "http/request_parser.h"

#include <algorithm>
#include <stdexcept>

namespace lab::http {

namespace {

// A chunk-size line ("1a2b;name=value") is short; one longer than this is an attack or garbage.
constexpr std::size_t kMaxChunkSizeLine = 1024;

bool isTokenChar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool isToken(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), isTokenChar); }

// Visible characters, space, tab and obs-text (bytes >= 0x80) may appear in a field value.
bool isFieldValue(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u == '\t' || (u >= 0x20 && u != 0x7f);
    });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Shown in error messages: at most 60 characters, control bytes escaped.
std::string shown(std::string_view s) {
    std::string out;
    for (char c : s.substr(0, 60)) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            static constexpr char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[u >> 4];
            out += hex[u & 15];
        } else {
            out += c;
        }
    }
    if (s.size() > 60) out += "...";
    return out;
}

}  // namespace

RequestParser::RequestParser(ParserLimits limits) : limits_(limits) {}

void RequestParser::feed(std::string_view bytes) {
    if (error_) return;
    // Drop the consumed prefix now and then, so a long keep-alive connection does not keep every
    // byte it ever received. Only here: next() holds views into buffer_ while it runs.
    if (pos_ > 64 * 1024 && pos_ * 2 > buffer_.size()) {
        buffer_.erase(0, pos_);
        pos_ = 0;
    }
    buffer_.append(bytes);
}

const ParseError& RequestParser::error() const {
    if (!error_) throw std::logic_error("RequestParser::error() called, but the parser has not failed");
    return *error_;
}

bool RequestParser::partial() const { return state_ != State::head || headerBytes_ > 0 || pos_ < buffer_.size(); }

std::optional<Request> RequestParser::next() {
    while (!error_) {
        bool progressed = false;
        switch (state_) {
            case State::head: progressed = parseHead(); break;
            case State::body: progressed = parseBody(); break;
            case State::chunkSize: progressed = parseChunkSize(); break;
            case State::chunkData: progressed = parseChunkData(); break;
            case State::chunkDataEnd: progressed = parseChunkDataEnd(); break;
            case State::trailers: progressed = parseTrailers(); break;
            case State::done: progressed = true; break;
        }
        if (state_ == State::done) {
            Request request = std::move(request_);
            startRequest();
            return request;
        }
        if (!progressed) break;
    }
    return std::nullopt;
}

void RequestParser::startRequest() {
    request_ = Request{};
    state_ = State::head;
    sawRequestLine_ = false;
    headerBytes_ = 0;
    headerCount_ = 0;
    bodyRemaining_ = 0;
}

bool RequestParser::fail(int status, std::string message) {
    error_ = ParseError{status, std::move(message)};
    return false;
}

std::optional<std::string_view> RequestParser::takeLine(std::size_t budget, bool& tooLong) {
    tooLong = false;
    std::size_t available = buffer_.size() - pos_;
    std::size_t window = std::min(available, budget);
    std::size_t lf = std::string_view(buffer_).substr(pos_, window).find('\n');
    if (lf == std::string_view::npos) {
        tooLong = available >= budget;
        return std::nullopt;
    }
    std::string_view line(buffer_.data() + pos_, lf);
    pos_ += lf + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

// A line of the head (request line, field or trailer), counted against maxHeaderBytes.
std::optional<std::string_view> RequestParser::takeHeadLine() {
    std::size_t budget = limits_.maxHeaderBytes > headerBytes_ ? limits_.maxHeaderBytes - headerBytes_ : 0;
    std::size_t before = pos_;
    bool tooLong = false;
    std::optional<std::string_view> line = takeLine(budget, tooLong);
    if (tooLong) {
        fail(431, "request line and header fields are larger than " + std::to_string(limits_.maxHeaderBytes) + " bytes");
        return std::nullopt;
    }
    headerBytes_ += pos_ - before;
    return line;
}

bool RequestParser::parseHead() {
    while (std::optional<std::string_view> line = takeHeadLine()) {
        if (!sawRequestLine_) {
            // Empty lines before a request line are skipped (RFC 9112 section 2.2).
            if (line->empty()) continue;
            if (!parseRequestLine(*line)) return false;
            sawRequestLine_ = true;
        } else if (line->empty()) {
            return finishHeaders();
        } else if (!parseHeaderLine(*line)) {
            return false;
        }
    }
    return false;
}

bool RequestParser::parseRequestLine(std::string_view line) {
    std::size_t first = line.find(' ');
    std::size_t last = line.rfind(' ');
    if (first == std::string_view::npos || first == last)
        return fail(400, "request line '" + shown(line) + "' is not 'METHOD target HTTP/1.1'");
    std::string_view method = line.substr(0, first);
    std::string_view target = line.substr(first + 1, last - first - 1);
    std::string_view version = line.substr(last + 1);
    if (!isToken(method)) return fail(400, "method '" + shown(method) + "' is not a token");
    if (target.empty() || !std::all_of(target.begin(), target.end(), [](char c) {
            auto u = static_cast<unsigned char>(c);
            return u > 0x20 && u != 0x7f;
        }))
        return fail(400, "request target '" + shown(target) + "' is empty or has spaces or control characters");
    if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.')
        return fail(400, "'" + shown(version) + "' is not an HTTP version (HTTP/1.1)");
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return fail(505, "HTTP version '" + shown(version) + "' is not supported (only 1.0 and 1.1)");
    request_.method = method;
    request_.target = target;
    request_.version = version;
    std::size_t question = target.find('?');
    request_.path = target.substr(0, question);
    if (question != std::string_view::npos) request_.query = target.substr(question + 1);
    return true;
}

bool RequestParser::parseHeaderLine(std::string_view line) {
    if (line.front() == ' ' || line.front() == '\t')
        return fail(400, "header line '" + shown(line) + "' starts with white space (line folding is obsolete)");
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return fail(400, "header line '" + shown(line) + "' has no ':'");
    std::string_view name = line.substr(0, colon);
    std::string_view value = trim(line.substr(colon + 1));
    if (!isToken(name)) return fail(400, "header name '" + shown(name) + "' is not a token (no spaces before ':')");
    if (!isFieldValue(value)) return fail(400, "header '" + shown(name) + "' has a control character in its value");
    if (++headerCount_ > limits_.maxHeaderCount)
        return fail(431, "more than " + std::to_string(limits_.maxHeaderCount) + " header fields");
    if (state_ == State::head) request_.headers.add(std::string(name), std::string(value));
    return true;
}

bool RequestParser::finishHeaders() {
    std::vector<std::string> lengths = request_.headers.getAll("Content-Length");
    std::vector<std::string> codings = request_.headers.getAll("Transfer-Encoding");
    if (!codings.empty()) {
        // Both at once is how requests are smuggled past proxies: refuse (RFC 9112 6.3).
        if (!lengths.empty()) return fail(400, "both Transfer-Encoding and Content-Length are present");
        if (codings.size() != 1 || !equalsIgnoreCase(trim(codings.front()), "chunked"))
            return fail(501, "Transfer-Encoding '" + shown(codings.front()) + "' is not supported (only chunked)");
        state_ = State::chunkSize;
        return true;
    }
    if (lengths.empty()) {
        state_ = State::done;
        return true;
    }
    for (const std::string& other : lengths)
        if (other != lengths.front()) return fail(400, "Content-Length is given twice with different values");
    std::string_view text = trim(lengths.front());
    if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return fail(400, "Content-Length '" + shown(text) + "' is not a number");
    // Compare digit counts first: a 40-digit length must not overflow on its way to 413.
    std::string_view digits = text.substr(std::min(text.find_first_not_of('0'), text.size()));
    std::string maxText = std::to_string(limits_.maxBodyBytes);
    if (digits.size() > maxText.size() || std::stoull(std::string("0") + std::string(digits)) > limits_.maxBodyBytes)
        return fail(413, "Content-Length " + shown(text) + " is over the limit of " + maxText + " bytes");
    bodyRemaining_ = std::stoull(std::string("0") + std::string(digits));
    state_ = bodyRemaining_ == 0 ? State::done : State::body;
    return true;
}

bool RequestParser::parseBody() {
    std::size_t take = std::min(bodyRemaining_, buffer_.size() - pos_);
    request_.body.append(buffer_, pos_, take);
    pos_ += take;
    bodyRemaining_ -= take;
    if (bodyRemaining_ > 0) return false;
    state_ = State::done;
    return true;
}

bool RequestParser::parseChunkSize() {
    bool tooLong = false;
    std::optional<std::string_view> line = takeLine(kMaxChunkSizeLine, tooLong);
    if (tooLong) return fail(400, "chunk size line is longer than " + std::to_string(kMaxChunkSizeLine) + " bytes");
    if (!line) return false;
    // "1a2b" or "1a2b;extension=value"; extensions are allowed and ignored.
    std::string_view hex = trim(line->substr(0, line->find(';')));
    if (hex.empty() || !std::all_of(hex.begin(), hex.end(), [](char c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }))
        return fail(400, "chunk size '" + shown(*line) + "' is not a hexadecimal number");
    std::size_t size = 0;
    for (char c : hex) {
        int digit = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
        // Stop before the multiplication can overflow: anything this big is over the limit.
        if (size > limits_.maxBodyBytes) break;
        size = size * 16 + static_cast<std::size_t>(digit);
    }
    if (size > limits_.maxBodyBytes || request_.body.size() + size > limits_.maxBodyBytes)
        return fail(413, "chunked body is over the limit of " + std::to_string(limits_.maxBodyBytes) + " bytes");
    bodyRemaining_ = size;
    state_ = size == 0 ? State::trailers : State::chunkData;
    return true;
}

bool RequestParser::parseChunkData() {
    std::size_t take = std::min(bodyRemaining_, buffer_.size() - pos_);
    request_.body.append(buffer_, pos_, take);
    pos_ += take;
    bodyRemaining_ -= take;
    if (bodyRemaining_ > 0) return false;
    state_ = State::chunkDataEnd;
    return true;
}

bool RequestParser::parseChunkDataEnd() {
    std::size_t available = buffer_.size() - pos_;
    if (available == 0) return false;
    if (buffer_[pos_] == '\n') {
        pos_ += 1;
    } else if (buffer_[pos_] == '\r') {
        if (available < 2) return false;
        if (buffer_[pos_ + 1] != '\n') return fail(400, "chunk data is not followed by CRLF");
        pos_ += 2;
    } else {
        return fail(400, "chunk data is longer than its size line said");
    }
    state_ = State::chunkSize;
    return true;
}

bool RequestParser::parseTrailers() {
    while (std::optional<std::string_view> line = takeHeadLine()) {
        if (line->empty()) {
            state_ = State::done;
            return true;
        }
        // Trailer fields are checked and counted like headers, then dropped: no handler here
        // needs them, and merging them into the headers would let them override Content-Type.
        if (!parseHeaderLine(*line)) return false;
    }
    return false;
}

}  // namespace lab::http
