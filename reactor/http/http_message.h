// HTTP messages: the request, the response and their headers, shared by the server
// (http_server.h) and the client. Plain data: no sockets, no parsing, no loop.
//
// Headers keep the order and spelling they arrived or were added in (a response is written in
// that order) and are looked up without regard to case, as HTTP field names are. A Response that
// travels through a Deferred becomes a Value with responseToValue and comes back with
// responseFromValue, because a Deferred's results are JSON values (deferred/result.h).
// Not here: reading bytes into a Request (request_parser.h), writing a Response
// (http_server.cpp). Taught in lessons/08-http-server; tested in tests/http/message_test.cpp.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deferred/result.h"

namespace lab::http {

struct Header {
    std::string name;
    std::string value;
};

class Headers {
public:
    // Add one more field, keeping any with the same name (Set-Cookie may repeat).
    void add(std::string name, std::string value);
    // Replace every field with this name by one.
    void set(std::string name, std::string value);
    void remove(std::string_view name);
    // The first value with this name, if any.
    std::optional<std::string> get(std::string_view name) const;
    std::vector<std::string> getAll(std::string_view name) const;
    bool has(std::string_view name) const { return get(name).has_value(); }
    // Does a comma-separated field ("Connection: keep-alive, Upgrade") hold this token?
    bool hasToken(std::string_view name, std::string_view token) const;

    std::size_t size() const { return fields_.size(); }
    std::vector<Header>::const_iterator begin() const { return fields_.begin(); }
    std::vector<Header>::const_iterator end() const { return fields_.end(); }

private:
    std::vector<Header> fields_;
};

// ASCII case-insensitive equality, for field names and tokens.
bool equalsIgnoreCase(std::string_view a, std::string_view b);
// Without the spaces and tabs around it (optional white space around a field value, RFC 9110 5.6.3).
std::string_view trimWhitespace(std::string_view s);
// Peer bytes quoted in an error message: at most 60 characters ("..." after), control bytes as
// \xNN, so a megabyte of garbage or a terminal escape does not become the message.
std::string shownInMessage(std::string_view s);

struct Request {
    std::string method;   // "GET", as sent (methods are case-sensitive)
    std::string target;   // "/items/3?verbose=1", as sent
    std::string path;     // "/items/3": the target before '?'
    std::string query;    // "verbose=1": after '?', not decoded
    std::string version;  // "HTTP/1.1" or "HTTP/1.0"
    Headers headers;
    std::string body;     // decoded: chunked framing already removed
    // Set by the Router: the {name} parts of the matched pattern ("id" -> "3").
    std::map<std::string, std::string> params;

    // Does the client want the connection kept open after this request's response?
    // HTTP/1.1: yes unless "Connection: close"; HTTP/1.0: only with "Connection: keep-alive".
    bool keepAlive() const;
};

class ResponseStream;

struct Response {
    int status = 200;
    Headers headers;
    std::string body;
    // A response whose body is written over time (Server-Sent Events): when set, the server
    // writes the status line and headers with no Content-Length, then hands this function the
    // stream; the connection ends when the stream finishes or the client goes away. Requests
    // pipelined behind it are not answered. A streaming Response cannot travel as a Value.
    std::function<void(std::shared_ptr<ResponseStream>)> stream;

    // A complete response with a body and its Content-Type.
    static Response text(int status, std::string body, std::string contentType = "text/plain; charset=utf-8");
    static Response json(int status, const Value& body);
    static Response html(int status, std::string body) { return text(status, std::move(body), "text/html; charset=utf-8"); }
};

// The body of a streaming Response, written a piece at a time (http_server.cpp implements it).
class ResponseStream {
public:
    virtual ~ResponseStream() = default;
    // Send bytes now; ignored once the stream is closed.
    virtual void write(std::string_view data) = 0;
    // End the response: the server closes the connection after what was written.
    virtual void finish() = 0;
    // False once finished or once the client has gone away.
    virtual bool open() const = 0;
    // Called once when the stream closes, for whatever reason (a broadcaster forgets the client).
    virtual void notifyClosed(std::function<void()> onClosed) = 0;
    // The connection's logical id, as in traces ("connection": 3).
    virtual std::uint64_t connection() const = 0;
};

// "OK", "Not Found", ...; "Unknown" for a code not in the table.
std::string_view reasonPhrase(int status);

// The IMF-fixdate form HTTP uses for Date: "Sun, 06 Nov 1994 08:49:37 GMT".
std::string formatHttpDate(std::chrono::system_clock::time_point when);

// A Response as a Value and back, for Deferreds: {"status": 201, "headers": [["Location",
// "/items/3"]], "body": "..."}. responseFromValue throws std::invalid_argument naming what is
// wrong when the Value has another shape; a streaming Response throws in responseToValue.
Value responseToValue(const Response& response);
Response responseFromValue(const Value& value);

}  // namespace lab::http
