// ResponseParser: bytes from a server in, one HTTP/1.x response out (Twisted's
// _newclient.HTTPClientParser), in any chunking, with limits.
//
// Incremental and socket-free, like RequestParser: feed() appends what arrived, done() says the
// response is complete. The body is framed as RFC 9112 section 6.3 orders it: none for a HEAD
// request and for 1xx/204/304; chunked when Transfer-Encoding ends in chunked; Content-Length
// bytes when it is given; otherwise everything until the server closes (close-delimited), which
// only finish() can end. Interim 1xx responses (100 Continue) are skipped. The body itself is
// decoded by BodyDecoder (body_framing.h), shared with RequestParser: one set of rules and messages.
//
// Malformed or oversized input stops the parser for good with a message naming what and where
// ("status line 'HTTP/1.1 2x0 OK': the status code is not three digits"). Limits are checked as
// bytes arrive, so a header that never ends is refused once it is too long.
// Not here: the connection and the Deferred (http_client.h). Taught in lessons/10-rest-services;
// tested in tests/http_client/response_parser_test.cpp.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "http/body_framing.h"
#include "http/http_message.h"

namespace lab::http {

struct ResponseLimits {
    std::size_t maxHeaderBytes = 64 * 1024;       // status line + header fields
    std::size_t maxHeaderCount = 100;             // header fields, trailers included
    std::size_t maxBodyBytes = 16 * 1024 * 1024;  // the decoded body
};

class ResponseParser {
public:
    // bodyless: the request was HEAD, so the response has headers only, whatever they announce.
    explicit ResponseParser(ResponseLimits limits = {}, bool bodyless = false);

    // Append bytes as they arrived. Ignored once done or failed (bytes after the response are
    // not ours: the client asked the server to close).
    void feed(std::string_view bytes);
    // The server closed the connection: ends a close-delimited body; a response cut short
    // anywhere else becomes an error ("closed after 10 of 25 body bytes").
    void finish();

    bool done() const { return state_ == State::done; }
    bool failed() const { return error_.has_value(); }
    // Precondition: failed().
    const std::string& error() const;
    // Has any byte arrived? (A connection lost before that never got a response at all.)
    bool started() const { return started_; }
    // Precondition: done(). The status, the headers as sent, and the decoded body.
    const Response& response() const;
    Response takeResponse();

private:
    enum class State { statusLine, headers, body, bodyUntilClose, trailers, done };

    // Each step consumes what it can from buffer_[pos_..] and returns false when it needs more.
    bool step();
    bool parseStatusLine(std::string_view line);
    bool parseHeaderLine(std::string_view line);
    bool finishHeaders();
    bool decodeBody();
    bool fail(std::string message);
    // One line ending in LF (a CR before it is dropped) from pos_, or nullopt if none yet;
    // fails the parser, naming `what`, when a line grows past `limit` bytes without ending.
    std::optional<std::string_view> takeLine(std::size_t limit, std::string_view what);

    ResponseLimits limits_;
    bool bodyless_;
    std::string buffer_;
    std::size_t pos_ = 0;  // consumed prefix of buffer_, dropped once it grows large
    State state_ = State::statusLine;
    Response response_;
    bool started_ = false;
    std::size_t headerBytes_ = 0;    // status line + fields so far, line endings included
    std::size_t headerCount_ = 0;
    BodyDecoder body_;  // Content-Length, chunked or until the close, with limits_.maxBodyBytes
    std::optional<std::string> error_;
};

}  // namespace lab::http
