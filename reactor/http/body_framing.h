// BodyDecoder: the body of one HTTP/1.x message, decoded as its framing says: Content-Length bytes,
// chunked transfer coding, or everything until the peer closes (RFC 9112 sections 6 and 7).
//
// Both parsers use it (RequestParser for what a client sends, ResponseParser for what a server
// answers), so a body is framed by one set of rules, one body limit and one set of messages, as
// Twisted's _IdentityTransferDecoder and _ChunkedTransferDecoder serve both of its HTTP sides.
// Incremental: decode() takes what has arrived and consumes what it can, in any chunking.
// Not here: deciding which framing a message has (the parsers: a request and a response differ),
// and the trailer fields after the last chunk (header lines: the parsers read them).
// Taught in lessons/08-http-server and 10-rest-services; tested in tests/http/body_framing_test.cpp.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lab::http {

struct FramingError {
    int status = 400;     // 400 malformed, 413 over the body limit (what a server answers with)
    std::string message;  // for a human, e.g. "Content-Length '12a' is not a number"
};

class BodyDecoder {
public:
    // A chunk-size line ("1a2b;name=value") has no reason to be long: a longer one is an attack or
    // garbage, refused before it fills memory. Counted with its line end.
    static constexpr std::size_t kMaxChunkSizeLine = 1024;

    // maxBodyBytes bounds the decoded body, whatever the framing.
    explicit BodyDecoder(std::size_t maxBodyBytes = 0) : maxBodyBytes_(maxBodyBytes) {}

    // Each start* begins a fresh body.
    // lengths: every Content-Length field's value. Refused (400) when one is not a decimal number
    // or two differ; 413 when the length is over the limit (digits compared first, so a 40-digit
    // length cannot overflow on its way there). A length of 0 is complete at once.
    void startLength(const std::vector<std::string>& lengths);
    void startChunked();
    void startUntilClose();

    // Consume what it can of `bytes` (what has arrived and nothing before it), appending the
    // decoded body to `body`; returns how many bytes it consumed. It stops at the body's end
    // (chunked: just after the last chunk's size line, where the trailers start) and on an error.
    std::size_t decode(std::string_view bytes, std::string& body);

    // The body has ended (never true until the close for startUntilClose: the parser decides).
    bool complete() const { return state_ == State::complete; }
    bool chunked() const { return chunked_; }
    bool failed() const { return error_.has_value(); }
    // Precondition: failed().
    const FramingError& error() const;
    // What to say when the connection closed before complete(): "the connection closed after 3 of
    // 10 body bytes (Content-Length)".
    std::string cutShortMessage() const;

private:
    enum class State { length, chunkSize, chunkData, chunkDataEnd, untilClose, complete, failed };

    // Each step consumes from the front of `bytes` and returns false when it needs more.
    bool takeData(std::string_view& bytes, std::string& body, State next);
    bool takeChunkSize(std::string_view& bytes);
    bool takeChunkDataEnd(std::string_view& bytes);
    bool takeUntilClose(std::string_view& bytes, std::string& body);
    bool fail(int status, std::string message);

    std::size_t maxBodyBytes_;
    State state_ = State::complete;
    bool chunked_ = false;
    std::size_t remaining_ = 0;  // Content-Length left, or the current chunk's bytes left
    std::size_t expected_ = 0;   // the Content-Length, for cutShortMessage()
    std::size_t decoded_ = 0;    // body bytes so far, checked against maxBodyBytes_
    std::optional<FramingError> error_;
};

}  // namespace lab::http
