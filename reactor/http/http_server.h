// The HTTP/1.1 server protocol: HttpChannel (one per connection) and HttpFactory (Twisted's
// http.HTTPChannel and HTTPFactory).
//
// A request travels: dataReceived -> RequestParser -> handler -> response written to the
// transport. A handler returns a Response now, or a Deferred that fires later with one (as a
// Value, responseToValue); a handler that throws or a Deferred that fails becomes a 500, and the
// Failure goes to the reactor's error log. Pipelined requests are all handed to their handlers
// as they arrive, and their responses are written strictly in request order: a fast second
// response waits for a slow first one.
//
// The channel adds Date and Content-Length, answers HEAD without a body, keeps the connection
// open for the next request unless the client asked otherwise (Connection: close, or HTTP/1.0
// without keep-alive), answers parse errors with 400/413/431/501 and closes. Three deadlines
// keep a client from holding a connection for nothing (lesson 08, "How long a client may take"):
// idle between requests (close, silently), a request's head from its first byte (408), and the
// pause between two pieces of its body (408). None runs while a response is owed.
// Not here: routing (router.h), Server-Sent Events (sse.h). Taught in lessons/08-http-server;
// tested in tests/http/http_server_test.cpp and, with real clients, tests/http/*.py and *.sh.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <variant>

#include "core/reactor.h"
#include "deferred/deferred.h"
#include "http/http_message.h"
#include "http/request_parser.h"
#include "protocol/factory.h"
#include "protocol/protocol.h"

namespace lab::http {

// A request handler: the application's function for one request (a route's, a Router's). It
// gives back the response, or a Deferred that will fire with one. ("Handler" alone is the
// reactor's: lab::Handler, reactor/core/handler.h.)
using RequestResult = std::variant<Response, Deferred>;
using RequestHandler = std::function<RequestResult(Request&)>;

struct HttpServerOptions {
    ParserLimits limits;
    // No byte of a request for this long while nothing is being answered: close, writing
    // nothing (as browsers expect of a keep-alive connection). Twisted's default is a minute too.
    Duration idleTimeout = std::chrono::seconds(60);
    // From a request's first byte to the end of its header fields: 408 after this long, however
    // often bytes arrive (a slowloris client sends one a second). Apache's default is 20 s too;
    // Twisted has only its idle timeout, restarted by every header line.
    Duration headerTimeout = std::chrono::seconds(20);
    // The longest pause between two pieces of a request's body: 408 after it. Restarted by every
    // piece, so a large body sent slowly but steadily is never cut.
    Duration bodyTimeout = std::chrono::seconds(20);
    // After answering a bad request, how long to keep reading (and discarding) before closing,
    // so the client reads our 400 before its unsent bytes make the kernel reset the connection.
    Duration lingerTimeout = std::chrono::seconds(2);
    // Requests handled but not yet answered on one connection; beyond it, bytes wait unparsed.
    std::size_t maxPipelined = 16;
    // The Date header's value; empty: the system clock now (tests give a fixed one).
    std::function<std::string()> date;
};

class HttpChannel final : public Protocol, public std::enable_shared_from_this<HttpChannel> {
public:
    HttpChannel(Reactor& reactor, RequestHandler handler, HttpServerOptions options);
    ~HttpChannel() override;

    void connectionMade() override;
    void dataReceived(std::string_view data) override;
    void connectionLost(std::exception_ptr reason) override;

    // Requests handed to the handler and not yet answered.
    std::size_t pendingResponses() const { return slots_.size(); }
    // The logical connection id used in traces (the TCP transport's; 0 on a test transport).
    std::uint64_t connectionId() const { return connectionId_; }

private:
    struct Slot;
    class Stream;

    void processRequests();
    void handle(Request request);
    void respondToParseError();
    void fill(const std::shared_ptr<Slot>& slot, Response response);
    void writeReadyResponses();
    void writeResponse(Slot& slot);
    // The deadline the connection is under, decided by where the request being received is.
    enum class Deadline { none, idle, header, body };
    Deadline deadlineNow() const;
    // Starts the deadline that applies now, unless it already runs; `bodyArrived` (a piece of
    // body came) resets the body's, which limits each pause rather than the whole body.
    void updateDeadline(bool bodyArrived = false);
    void stopDeadline();
    void timedOut(Deadline which);
    void closeAfterError(int status, const std::string& message);
    std::string date() const;

    Reactor& reactor_;
    RequestHandler handler_;
    HttpServerOptions options_;
    RequestParser parser_;
    std::deque<std::shared_ptr<Slot>> slots_;  // in request order; front is written first
    std::shared_ptr<DelayedCall> deadlineTimer_;
    Deadline deadline_ = Deadline::none;  // what deadlineTimer_ is for
    std::shared_ptr<DelayedCall> lingerTimer_;
    std::shared_ptr<Stream> stream_;  // the streaming response in progress, if any
    std::uint64_t connectionId_ = 0;
    bool closing_ = false;     // no more requests are read: a close or an error is under way
    bool processing_ = false;  // inside processRequests (it is not re-entered)
    bool lost_ = false;
};

class HttpFactory final : public Factory {
public:
    HttpFactory(Reactor& reactor, RequestHandler handler, HttpServerOptions options = {});
    std::shared_ptr<Protocol> buildProtocol(const Address& address) override;

private:
    Reactor& reactor_;
    RequestHandler handler_;
    HttpServerOptions options_;
};

}  // namespace lab::http
