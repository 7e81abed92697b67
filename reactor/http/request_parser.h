// RequestParser: bytes in, whole HTTP/1.x requests out, in any chunking, with limits.
//
// Incremental and socket-free: feed() appends whatever arrived; next() returns the next complete
// request (body included) or nothing yet. Several requests in one feed (pipelining) come out one
// next() at a time, in order; a request split over many feeds comes out when its last byte has
// arrived. The body is framed by Content-Length or by chunked transfer coding (BodyDecoder in
// body_framing.h, shared with ResponseParser); a request with neither has no body.
//
// Malformed or oversized input stops the parser for good with an error carrying the status to
// answer: 400 (malformed; a first byte that cannot start a method, such as a TLS handshake's,
// at once rather than at a line end that may never come), 413 (body over maxBodyBytes), 431 (request line + headers over
// maxHeaderBytes, or more than maxHeaderCount fields), 501 (a transfer coding other than
// chunked), 505 (an HTTP version other than 1.0 and 1.1). Limits are checked as bytes arrive,
// so a header that never ends is refused as soon as it is too long, not when its line ends.
// Trailers of a chunked body count against the header limits. After an error the connection
// is not reusable: the parser stays failed.
// Not here: what to answer (http_server.h). Taught in lessons/08-http-server;
// tested in tests/http/request_parser_test.cpp and fuzzed by the request parser fuzz target.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "http/body_framing.h"
#include "http/http_message.h"

namespace lab::http {

struct ParserLimits {
    std::size_t maxHeaderBytes = 16 * 1024;    // request line + header fields (Twisted: 16384)
    std::size_t maxHeaderCount = 100;          // header fields, trailers included
    std::size_t maxBodyBytes = 1024 * 1024;    // the decoded body
};

struct ParseError {
    int status = 400;     // 400, 413, 431, 501 or 505
    std::string message;  // for a human: what was wrong, e.g. "Content-Length 'abc' is not a number"
};

class RequestParser {
public:
    explicit RequestParser(ParserLimits limits = {});

    // Append bytes as they arrived. Ignored after an error.
    void feed(std::string_view bytes);
    // The next complete request, or nullopt when more bytes are needed or the parser has failed.
    std::optional<Request> next();

    bool failed() const { return error_.has_value(); }
    // Precondition: failed().
    const ParseError& error() const;
    // How far the request being received has come: nothing of it yet, its head (request line
    // and header fields), or its body (a chunked body's trailers included). The channel gives
    // each stage a deadline of its own (http_server.h).
    enum class Stage { none, head, body };
    Stage stage() const;
    // Bytes of a request not yet complete are held (the start of one, or a partial body): a
    // connection in this state is in the middle of a request, not idle.
    bool partial() const { return stage() != Stage::none; }
    // Bytes fed and not yet consumed by next().
    std::size_t bufferedBytes() const { return buffer_.size() - pos_; }
    const ParserLimits& limits() const { return limits_; }

private:
    enum class State { head, body, trailers, done };

    // Each step consumes what it can from buffer_[pos_..] and returns false when it needs more.
    bool parseHead();
    bool parseBody();
    bool parseTrailers();
    bool parseRequestLine(std::string_view line);
    bool parseHeaderLine(std::string_view line);
    bool finishHeaders();
    bool fail(int status, std::string message);
    // One line ending in LF (a CR before it is dropped) from pos_, or nullopt if none yet (or
    // if the line would be longer than `budget`: then tooLong is set).
    std::optional<std::string_view> takeLine(std::size_t budget, bool& tooLong);
    std::optional<std::string_view> takeHeadLine();
    bool startsLikeARequest();
    void startRequest();

    ParserLimits limits_;
    std::string buffer_;
    std::size_t pos_ = 0;  // consumed prefix of buffer_, dropped once it grows large
    State state_ = State::head;
    Request request_;
    bool sawRequestLine_ = false;
    std::size_t headerBytes_ = 0;  // request line + fields so far, line endings included
    std::size_t headerCount_ = 0;
    BodyDecoder body_;  // Content-Length or chunked, with limits_.maxBodyBytes
    std::optional<ParseError> error_;
};

}  // namespace lab::http
