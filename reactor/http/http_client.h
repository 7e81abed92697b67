// The HTTP client: one request, one connection, one Deferred (Twisted's web.client Agent.request
// and readBody together, simplified).
//
//   httpGet(reactor, "http://127.0.0.1:8080/items/3", {.timeout = 2s})
//       .addCallback([](const Value& response) { ... response["status"], response["body"] ... });
//
// The Deferred fires with the whole response as a Value, in the form the server's handlers use
// (http_message.h responseToValue): {"status": 200, "headers": [["Content-Type", "..."], ...],
// "body": "..."}; responseFromValue turns it back into a Response. Any status is a response, 404
// and 500 included (as in Twisted): deciding that a status is an error is the caller's business.
// It fails with:
//   ConnectionRefusedError, TimeoutError, ConnectError  the connection could not be made
//   ResponseNeverReceived  the connection ended before any byte of a response
//   ResponseFailed         the response was malformed, over a limit, or cut short
//   TimeoutError           options.timeout passed first (addTimeout: the connection is aborted)
//   CancelledError         cancel() was called (the connection is aborted)
//   std::invalid_argument  the URL is not http://IPv4-or-localhost[:port][/path]
// Each message starts with the method and target ("GET /items/3: ..."), never the port, so
// lesson traces stay the same from run to run.
//
// Every request asks for "Connection: close": there is no connection pool (Twisted's Agent
// without a pool does the same). A request keeps itself alive until its connection has ended
// and one more turn of the loop has run: a request still in flight when its reactor is destroyed
// is never freed, so let requests finish (or cancel them) and turn the loop before stopping.
// Not here: parsing the response (response_parser.h). Taught in lessons/10-rest-services;
// tested in tests/http_client/http_client_test.cpp.
#pragma once

#include <optional>
#include <source_location>
#include <stdexcept>
#include <string>
#include <string_view>

#include "clock/clock.h"
#include "deferred/deferred.h"
#include "http/http_message.h"
#include "http/response_parser.h"

namespace lab {
class Reactor;
}

namespace lab::http {

// The response was malformed, over a limit, or the connection ended in the middle of it
// (Twisted: ResponseFailed).
struct ResponseFailed : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The connection ended before a single byte of the response arrived: the server accepted the
// request and went away, or reset the connection (Twisted: ResponseNeverReceived).
struct ResponseNeverReceived : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct HttpClientOptions {
    // Extra request headers. Host, Connection and Content-Length are the client's own.
    Headers headers;
    // The whole request (connect, send, receive) must finish within this, or the Deferred fails
    // with TimeoutError and the connection is aborted. nullopt: no limit.
    std::optional<Duration> timeout;
    // connectTCP's own timeout, for the handshake alone (Twisted's default: 30 s).
    Duration connectTimeout = std::chrono::seconds(30);
    ResponseLimits limits;
};

// Where a URL points: "http://127.0.0.1:8080/a?b" -> {"127.0.0.1", 8080, "/a?b"}.
struct Url {
    std::string host;    // an IPv4 dotted quad; "localhost" becomes 127.0.0.1 (names are not resolved)
    int port = 80;
    std::string target;  // path and query, "/" when the URL has none
};
// Throws std::invalid_argument naming the URL and what is wrong with it.
Url parseUrl(std::string_view url);

// Send `method` with `body` (Content-Length is set when there is a body, or for POST and PUT).
// The Deferred is labelled "GET /target" in traces, created at the caller's line (`where`).
Deferred httpRequest(Reactor& reactor, std::string method, std::string_view url, std::string body = {},
                     HttpClientOptions options = {}, std::source_location where = std::source_location::current());
Deferred httpGet(Reactor& reactor, std::string_view url, HttpClientOptions options = {},
                 std::source_location where = std::source_location::current());
// POST `body`; Content-Type is "application/json" unless options.headers names another.
Deferred httpPost(Reactor& reactor, std::string_view url, std::string body, HttpClientOptions options = {},
                  std::source_location where = std::source_location::current());

}  // namespace lab::http
