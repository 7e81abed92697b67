// BodyDecoder (body_framing.h): a small state machine over what has arrived.
//
//   startLength --> length --> complete
//   startChunked --> chunkSize --> chunkData --> chunkDataEnd --> chunkSize ... --(size 0)--> complete
//   startUntilClose --> untilClose (the parser ends it when the peer closes)
// Lines may end in CRLF or a bare LF (RFC 9112 allows a recipient to accept LF).
#include "http/body_framing.h"

#include <algorithm>
#include <stdexcept>

#include "http/http_message.h"

namespace lab::http {

namespace {

bool isDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isHexDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
}

// "0042" -> "42", "000" -> "": two lengths are the same when these are equal.
std::string_view withoutLeadingZeros(std::string_view digits) {
    return digits.substr(std::min(digits.find_first_not_of('0'), digits.size()));
}

}  // namespace

void BodyDecoder::startLength(const std::vector<std::string>& lengths) {
    *this = BodyDecoder(maxBodyBytes_);
    if (lengths.empty()) throw std::logic_error("BodyDecoder::startLength: no Content-Length value given");
    std::string_view first = trimWhitespace(lengths.front());
    for (const std::string& value : lengths) {
        std::string_view text = trimWhitespace(value);
        if (!isDigits(text)) {
            fail(400, "Content-Length '" + shownInMessage(text) + "' is not a number");
            return;
        }
        if (withoutLeadingZeros(text) != withoutLeadingZeros(first)) {
            fail(400, "two different Content-Length values: '" + shownInMessage(first) + "' and '" + shownInMessage(text) + "'");
            return;
        }
    }
    std::string_view digits = withoutLeadingZeros(first);
    std::string maxText = std::to_string(maxBodyBytes_);
    if (digits.size() > maxText.size() || std::stoull("0" + std::string(digits)) > maxBodyBytes_) {
        fail(413, "Content-Length " + shownInMessage(first) + " is over the limit of " + maxText + " body bytes");
        return;
    }
    expected_ = remaining_ = std::stoull("0" + std::string(digits));
    state_ = remaining_ == 0 ? State::complete : State::length;
}

void BodyDecoder::startChunked() {
    *this = BodyDecoder(maxBodyBytes_);
    chunked_ = true;
    state_ = State::chunkSize;
}

void BodyDecoder::startUntilClose() {
    *this = BodyDecoder(maxBodyBytes_);
    state_ = State::untilClose;
}

const FramingError& BodyDecoder::error() const {
    if (!error_) throw std::logic_error("BodyDecoder::error: the body has not failed");
    return *error_;
}

std::string BodyDecoder::cutShortMessage() const {
    if (chunked_)
        return "the connection closed in the middle of the chunked body, after " + std::to_string(decoded_) + " bytes";
    return "the connection closed after " + std::to_string(expected_ - remaining_) + " of " + std::to_string(expected_) +
           " body bytes (Content-Length)";
}

std::size_t BodyDecoder::decode(std::string_view bytes, std::string& body) {
    std::size_t arrived = bytes.size();
    bool progressed = true;
    while (progressed) {
        switch (state_) {
            case State::length: progressed = takeData(bytes, body, State::complete); break;
            case State::chunkSize: progressed = takeChunkSize(bytes); break;
            case State::chunkData: progressed = takeData(bytes, body, State::chunkDataEnd); break;
            case State::chunkDataEnd: progressed = takeChunkDataEnd(bytes); break;
            case State::untilClose: progressed = takeUntilClose(bytes, body); break;
            case State::complete:
            case State::failed: progressed = false; break;
        }
    }
    return arrived - bytes.size();
}

bool BodyDecoder::takeData(std::string_view& bytes, std::string& body, State next) {
    std::size_t take = std::min(remaining_, bytes.size());
    body.append(bytes.substr(0, take));
    bytes.remove_prefix(take);
    remaining_ -= take;
    decoded_ += take;
    if (remaining_ > 0) return false;
    state_ = next;
    return true;
}

// "1a2b" or "1a2b;name=value": hexadecimal size, extensions allowed and ignored. Zero ends the body.
bool BodyDecoder::takeChunkSize(std::string_view& bytes) {
    std::size_t lf = bytes.substr(0, kMaxChunkSizeLine).find('\n');
    if (lf == std::string_view::npos) {
        if (bytes.size() >= kMaxChunkSizeLine)
            return fail(400, "chunk size line is longer than " + std::to_string(kMaxChunkSizeLine) + " bytes");
        return false;
    }
    std::string_view line = bytes.substr(0, lf);
    bytes.remove_prefix(lf + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view hex = trimWhitespace(line.substr(0, line.find(';')));
    if (!isHexDigits(hex)) return fail(400, "chunk size line '" + shownInMessage(line) + "' is not a hexadecimal number");
    std::size_t size = 0;
    for (char c : hex) {
        int digit = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
        // Stop before the multiplication can overflow: anything this big is over the limit.
        if (size > maxBodyBytes_) break;
        size = size * 16 + static_cast<std::size_t>(digit);
    }
    if (size > maxBodyBytes_ || decoded_ + size > maxBodyBytes_)
        return fail(413, "the chunked body is over the limit of " + std::to_string(maxBodyBytes_) + " bytes");
    remaining_ = size;
    state_ = size == 0 ? State::complete : State::chunkData;
    return true;
}

bool BodyDecoder::takeChunkDataEnd(std::string_view& bytes) {
    if (bytes.empty()) return false;
    if (bytes.front() == '\n') {
        bytes.remove_prefix(1);
    } else if (bytes.front() == '\r') {
        if (bytes.size() < 2) return false;
        if (bytes[1] != '\n') return fail(400, "chunk data is not followed by CRLF");
        bytes.remove_prefix(2);
    } else {
        return fail(400, "chunk data is longer than its size line said");
    }
    state_ = State::chunkSize;
    return true;
}

// Everything there is belongs to the body; only the close can end it.
bool BodyDecoder::takeUntilClose(std::string_view& bytes, std::string& body) {
    if (bytes.size() > maxBodyBytes_ - decoded_)
        return fail(413, "the body is over the limit of " + std::to_string(maxBodyBytes_) + " bytes");
    body.append(bytes);
    decoded_ += bytes.size();
    bytes = {};
    return false;
}

bool BodyDecoder::fail(int status, std::string message) {
    error_ = FramingError{status, std::move(message)};
    state_ = State::failed;
    return false;
}

}  // namespace lab::http
