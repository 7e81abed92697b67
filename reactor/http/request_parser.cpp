// RequestParser (request_parser.h): a small state machine over a byte buffer.
//
//   head --(Content-Length)--> body --> done
//        --(chunked)--> body --> trailers --> done
//        --(neither)--> done
// The body state hands the bytes to a BodyDecoder (body_framing.h), which knows both framings.
// Each state consumes what it can; a state that needs more bytes returns false and next() waits
// for the next feed(). Lines may end in CRLF or a bare LF (RFC 9112 allows a recipient to accept
// LF); a CR anywhere else in the head is refused, since it is a known request-smuggling trick.
#include "http/request_parser.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace lab::http {

namespace {

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

}  // namespace

RequestParser::RequestParser(ParserLimits limits) : limits_(limits), body_(limits.maxBodyBytes) {}

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

RequestParser::Stage RequestParser::stage() const {
    if (state_ != State::head) return Stage::body;
    return headerBytes_ > 0 || pos_ < buffer_.size() ? Stage::head : Stage::none;
}

std::optional<Request> RequestParser::next() {
    while (!error_) {
        bool progressed = false;
        switch (state_) {
            case State::head: progressed = parseHead(); break;
            case State::body: progressed = parseBody(); break;
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

// A request line starts with its method, a token. A client that speaks something else (TLS to
// a plain-HTTP port, binary junk) may never send a line end: refuse its first byte at once.
bool RequestParser::startsLikeARequest() {
    if (sawRequestLine_ || pos_ >= buffer_.size()) return true;
    char c = buffer_[pos_];
    if (c == '\r' || c == '\n' || isTokenChar(c)) return true;
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned char>(c));
    std::string why = std::string("byte ") + hex + " cannot start a request line (a method such as GET): this is not HTTP";
    if (c == '\x16') why += " (0x16 starts a TLS handshake: this server speaks plain http://, not https://)";
    return fail(400, why);
}

bool RequestParser::parseHead() {
    while (startsLikeARequest()) {
        std::optional<std::string_view> line = takeHeadLine();
        if (!line) return false;
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
        return fail(400, "request line '" + shownInMessage(line) + "' is not 'METHOD target HTTP/1.1'");
    std::string_view method = line.substr(0, first);
    std::string_view target = line.substr(first + 1, last - first - 1);
    std::string_view version = line.substr(last + 1);
    if (!isToken(method)) return fail(400, "method '" + shownInMessage(method) + "' is not a token");
    if (target.empty() || !std::all_of(target.begin(), target.end(), [](char c) {
            auto u = static_cast<unsigned char>(c);
            return u > 0x20 && u != 0x7f;
        }))
        return fail(400, "request target '" + shownInMessage(target) + "' is empty or has spaces or control characters");
    if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.')
        return fail(400, "'" + shownInMessage(version) + "' is not an HTTP version (HTTP/1.1)");
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return fail(505, "HTTP version '" + shownInMessage(version) + "' is not supported (only 1.0 and 1.1)");
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
        return fail(400, "header line '" + shownInMessage(line) + "' starts with white space (line folding is obsolete)");
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return fail(400, "header line '" + shownInMessage(line) + "' has no ':'");
    std::string_view name = line.substr(0, colon);
    std::string_view value = trimWhitespace(line.substr(colon + 1));
    if (!isToken(name)) return fail(400, "header name '" + shownInMessage(name) + "' is not a token (no spaces before ':')");
    if (!isFieldValue(value)) return fail(400, "header '" + shownInMessage(name) + "' has a control character in its value");
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
        if (codings.size() != 1 || !equalsIgnoreCase(trimWhitespace(codings.front()), "chunked"))
            return fail(501, "Transfer-Encoding '" + shownInMessage(codings.front()) + "' is not supported (only chunked)");
        body_.startChunked();
        state_ = State::body;
        return true;
    }
    if (lengths.empty()) {
        state_ = State::done;
        return true;
    }
    body_.startLength(lengths);
    if (body_.failed()) return fail(body_.error().status, body_.error().message);
    state_ = body_.complete() ? State::done : State::body;
    return true;
}

bool RequestParser::parseBody() {
    pos_ += body_.decode(std::string_view(buffer_).substr(pos_), request_.body);
    if (body_.failed()) return fail(body_.error().status, body_.error().message);
    if (!body_.complete()) return false;
    state_ = body_.chunked() ? State::trailers : State::done;
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
