// ResponseParser; see response_parser.h. feed() runs step() until it needs more bytes; each state
// takes what it can from the buffer.
#include "http/response_parser.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <utility>

namespace lab::http {

namespace {
bool isTokenChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

std::string quote(std::string_view text) { return "'" + shownInMessage(text) + "'"; }
}  // namespace

ResponseParser::ResponseParser(ResponseLimits limits, bool bodyless)
    : limits_(limits), bodyless_(bodyless), body_(limits.maxBodyBytes) {}

const std::string& ResponseParser::error() const {
    if (!error_) throw std::logic_error("ResponseParser::error: the parser has not failed");
    return *error_;
}

const Response& ResponseParser::response() const {
    if (!done()) throw std::logic_error("ResponseParser::response: the response is not complete yet");
    return response_;
}

Response ResponseParser::takeResponse() {
    response();  // checks the precondition
    return std::move(response_);
}

void ResponseParser::feed(std::string_view bytes) {
    if (done() || failed() || bytes.empty()) return;
    started_ = true;
    buffer_.append(bytes);
    while (!done() && !failed() && step()) {
    }
    // Drop the consumed prefix once it is most of the buffer, so a long body does not grow it.
    if (pos_ > 0 && pos_ >= buffer_.size() / 2) {
        buffer_.erase(0, pos_);
        pos_ = 0;
    }
}

void ResponseParser::finish() {
    if (done() || failed()) return;
    switch (state_) {
    case State::bodyUntilClose:
        state_ = State::done;
        return;
    case State::statusLine:
        fail(started_ ? "the connection closed in the middle of the status line" : "the connection closed before any response");
        return;
    case State::headers:
        fail("the connection closed in the middle of the headers");
        return;
    default:
        fail(body_.cutShortMessage());
        return;
    }
}

bool ResponseParser::step() {
    switch (state_) {
    case State::statusLine:
    case State::headers: {
        std::size_t left = limits_.maxHeaderBytes > headerBytes_ ? limits_.maxHeaderBytes - headerBytes_ : 0;
        std::size_t start = pos_;
        auto line = takeLine(left, "the status line and headers");
        if (!line) return false;
        headerBytes_ += pos_ - start;  // line endings included
        if (state_ == State::statusLine) return parseStatusLine(*line);
        return line->empty() ? finishHeaders() : parseHeaderLine(*line);
    }
    case State::body:
    case State::bodyUntilClose:
        return decodeBody();
    case State::trailers: {
        std::size_t left = limits_.maxHeaderBytes > headerBytes_ ? limits_.maxHeaderBytes - headerBytes_ : 0;
        std::size_t start = pos_;
        auto line = takeLine(left, "the trailers");
        if (!line) return false;
        headerBytes_ += pos_ - start;
        if (line->empty()) {
            state_ = State::done;
            return true;
        }
        // Trailer fields are counted against the limits and then dropped: nothing here uses them.
        if (++headerCount_ > limits_.maxHeaderCount) {
            return fail("more than " + std::to_string(limits_.maxHeaderCount) + " header fields (trailers included)");
        }
        return true;
    }
    case State::done:
        return false;
    }
    return false;
}

// "HTTP/1.1 200 OK": the version, a space, three digits, and a reason phrase we do not need.
bool ResponseParser::parseStatusLine(std::string_view line) {
    if (line.size() < 12 || line.substr(0, 7) != "HTTP/1." || !std::isdigit(static_cast<unsigned char>(line[7])) ||
        line[8] != ' ') {
        return fail("status line " + quote(line) + ": expected 'HTTP/1.x NNN reason'");
    }
    std::string_view code = line.substr(9, 3);
    if (!std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        (line.size() > 12 && line[12] != ' ')) {
        return fail("status line " + quote(line) + ": the status code is not three digits");
    }
    response_.status = std::stoi(std::string(code));
    if (response_.status < 100) return fail("status line " + quote(line) + ": status code below 100");
    state_ = State::headers;
    return true;
}

// "Name: value". No space before the colon (RFC 9112 section 5.1 says to reject it), and no
// obsolete line folding: both have been used to smuggle a second meaning past one reader.
bool ResponseParser::parseHeaderLine(std::string_view line) {
    if (line.front() == ' ' || line.front() == '\t') return fail("header line " + quote(line) + " is folded (obsolete line folding)");
    std::size_t colon = line.find(':');
    std::string_view name = line.substr(0, colon);
    if (colon == std::string_view::npos || name.empty() || !std::all_of(name.begin(), name.end(), isTokenChar)) {
        return fail("header line " + quote(line) + " is not 'Name: value'");
    }
    if (++headerCount_ > limits_.maxHeaderCount) {
        return fail("more than " + std::to_string(limits_.maxHeaderCount) + " header fields");
    }
    response_.headers.add(std::string(name), std::string(trimWhitespace(line.substr(colon + 1))));
    return true;
}

// The blank line: decide how the body is framed (RFC 9112 section 6.3, in its order).
bool ResponseParser::finishHeaders() {
    int status = response_.status;
    if (status >= 100 && status < 200) {
        // An interim response (100 Continue, 103 Early Hints): the real one follows.
        response_ = Response{};
        headerCount_ = 0;
        state_ = State::statusLine;
        return true;
    }
    if (bodyless_ || status == 204 || status == 304) {
        state_ = State::done;
        return true;
    }
    if (auto coding = response_.headers.get("Transfer-Encoding")) {
        // Only the last coding frames the message; anything but chunked runs until the close.
        std::string_view codings = *coding;
        std::string_view last = trimWhitespace(codings.substr(codings.rfind(',') == std::string_view::npos ? 0 : codings.rfind(',') + 1));
        if (equalsIgnoreCase(last, "chunked")) {
            body_.startChunked();
            state_ = State::body;
        } else {
            body_.startUntilClose();
            state_ = State::bodyUntilClose;
        }
        return true;
    }
    std::vector<std::string> lengths = response_.headers.getAll("Content-Length");
    if (lengths.empty()) {
        body_.startUntilClose();
        state_ = State::bodyUntilClose;
        return true;
    }
    body_.startLength(lengths);
    if (body_.failed()) return fail(body_.error().message);
    state_ = body_.complete() ? State::done : State::body;
    return true;
}

bool ResponseParser::decodeBody() {
    pos_ += body_.decode(std::string_view(buffer_).substr(pos_), response_.body);
    if (body_.failed()) return fail(body_.error().message);
    if (!body_.complete()) return false;
    state_ = body_.chunked() ? State::trailers : State::done;
    return true;
}

bool ResponseParser::fail(std::string message) {
    error_ = std::move(message);
    return false;
}

std::optional<std::string_view> ResponseParser::takeLine(std::size_t limit, std::string_view what) {
    std::size_t end = buffer_.find('\n', pos_);
    std::size_t length = end == std::string::npos ? buffer_.size() - pos_ : end - pos_;
    if (length > limit) {
        fail(std::string(what) + ": more than " + std::to_string(limit) + " bytes without a line end");
        return std::nullopt;
    }
    if (end == std::string::npos) return std::nullopt;
    std::string_view line(buffer_.data() + pos_, end - pos_);
    pos_ = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

}  // namespace lab::http
