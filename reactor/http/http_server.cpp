// HttpChannel and HttpFactory (http_server.h): requests in, responses out, in order.
//
// Each parsed request gets a Slot at the back of slots_; its response fills the slot now (a
// Response) or later (a Deferred). writeReadyResponses() writes from the front while the front
// slot is filled, so responses leave in request order whatever order the handlers finish in
// (HTTP/1.1 pipelining has no other way to match a response to its request).
#include "http/http_server.h"

#include <cstdio>

#include "transport/tcp_transport.h"

namespace lab::http {

struct HttpChannel::Slot {
    // What to close after this response: nothing, the connection (after flushing), or our
    // sending side first while we keep reading for lingerTimeout (after a bad request).
    enum class After { keepOpen, close, linger };

    std::string method;
    std::string target;
    std::string version = "HTTP/1.1";
    After after = After::keepOpen;
    bool ready = false;
    Response response;
};

// The body of a streaming response: writes go straight to the connection until it closes.
class HttpChannel::Stream final : public ResponseStream {
public:
    Stream(HttpChannel& channel, std::uint64_t id) : channel_(&channel), id_(id) {}

    void write(std::string_view data) override {
        if (channel_) channel_->transport->write(data);
    }
    void finish() override {
        if (!channel_) return;
        HttpChannel* channel = channel_;
        close();
        channel->transport->loseConnection();
    }
    bool open() const override { return channel_ != nullptr; }
    void notifyClosed(std::function<void()> onClosed) override {
        if (channel_) {
            onClosed_.push_back(std::move(onClosed));
        } else {
            onClosed();
        }
    }
    std::uint64_t connection() const override { return id_; }

    // The connection is gone (or finish() was called): tell whoever listens, once.
    void close() {
        if (!channel_) return;
        Reactor& reactor = channel_->reactor_;
        channel_ = nullptr;
        std::vector<std::function<void()>> listeners = std::move(onClosed_);
        for (auto& listener : listeners) {
            try {
                listener();
            } catch (...) {
                reactor.logError("http stream " + std::to_string(id_) + " close listener", std::current_exception());
            }
        }
    }

private:
    HttpChannel* channel_;  // null once closed
    std::uint64_t id_;
    std::vector<std::function<void()>> onClosed_;
};

HttpChannel::HttpChannel(Reactor& reactor, RequestHandler handler, HttpServerOptions options)
    : reactor_(reactor), handler_(std::move(handler)), options_(std::move(options)), parser_(options_.limits) {}

HttpChannel::~HttpChannel() {
    stopDeadline();
    if (lingerTimer_ && lingerTimer_->active()) lingerTimer_->cancel();
    if (stream_) stream_->close();
}

void HttpChannel::connectionMade() {
    if (auto* tcp = dynamic_cast<TcpTransport*>(transport)) connectionId_ = tcp->id();
    updateDeadline();
}

void HttpChannel::dataReceived(std::string_view data) {
    // After Connection: close, an error or the start of a stream, later bytes are not requests
    // we will answer: drop them (while lingering they are the rest of a refused body).
    if (lost_ || closing_) return;
    bool pieceOfBody = parser_.stage() == RequestParser::Stage::body;
    parser_.feed(data);
    processRequests();
    if (pieceOfBody) updateDeadline(true);
}

void HttpChannel::connectionLost(std::exception_ptr) {
    lost_ = true;
    stopDeadline();
    if (lingerTimer_ && lingerTimer_->active()) lingerTimer_->cancel();
    lingerTimer_.reset();
    // Handlers still running will fire into nothing: their slots go with the connection.
    slots_.clear();
    if (stream_) stream_->close();
}

void HttpChannel::processRequests() {
    // Writing a response may make room for the next pipelined request; this loop takes it, so
    // a burst of pipelined requests is handled iteratively, never by recursion.
    if (processing_) return;
    processing_ = true;
    while (!lost_ && !closing_ && !stream_ && slots_.size() < options_.maxPipelined) {
        std::optional<Request> request = parser_.next();
        if (!request) break;
        stopDeadline();  // whichever ran, it is met; the next starts after the answer
        handle(std::move(*request));
    }
    processing_ = false;
    if (lost_) return;
    if (parser_.failed() && !closing_ && !stream_) respondToParseError();
    updateDeadline();
}

void HttpChannel::handle(Request request) {
    reactor_.tracer().emit(kind::httpRequest,
                           {{"connection", connectionId_}, {"method", request.method}, {"target", request.target}});
    auto slot = std::make_shared<Slot>();
    slot->method = request.method;
    slot->target = request.target;
    slot->version = request.version;
    if (!request.keepAlive()) {
        slot->after = Slot::After::close;
        closing_ = true;  // requests pipelined behind this one are not read
    }
    slots_.push_back(slot);

    RequestResult result;
    try {
        result = handler_(request);
    } catch (...) {
        reactor_.logError("http connection " + std::to_string(connectionId_) + " " + slot->method + " " + slot->target,
                          std::current_exception());
        fill(slot, Response::text(500, "500 Internal Server Error\n"));
        return;
    }
    if (Response* response = std::get_if<Response>(&result)) {
        fill(slot, std::move(*response));
        return;
    }
    // A Deferred: answer when it fires. The channel may be gone by then (the client hung up),
    // so the callback holds it weakly; its result is consumed either way, never left unhandled.
    std::weak_ptr<HttpChannel> weak = weak_from_this();
    Reactor* reactor = &reactor_;
    std::string source = "http connection " + std::to_string(connectionId_) + " " + slot->method + " " + slot->target;
    std::get<Deferred>(result).addBoth(
        [weak, slot, reactor, source](Result outcome) -> Value {
            Response response;
            if (outcome.isFailure()) {
                reactor->logError(source, outcome.failure().exception());
                response = Response::text(500, "500 Internal Server Error\n");
            } else {
                try {
                    response = responseFromValue(outcome.value());
                } catch (...) {
                    reactor->logError(source, std::current_exception());
                    response = Response::text(500, "500 Internal Server Error\n");
                }
            }
            if (auto channel = weak.lock(); channel && !channel->lost_) channel->fill(slot, std::move(response));
            return Value();
        },
        "http response");
}

void HttpChannel::respondToParseError() {
    const ParseError& error = parser_.error();
    auto slot = std::make_shared<Slot>();
    slot->after = Slot::After::linger;
    slot->ready = true;
    slot->response = Response::text(error.status, std::to_string(error.status) + " " +
                                                      std::string(reasonPhrase(error.status)) + ": " + error.message + "\n");
    closing_ = true;
    stopDeadline();
    slots_.push_back(slot);
    writeReadyResponses();
}

void HttpChannel::fill(const std::shared_ptr<Slot>& slot, Response response) {
    slot->response = std::move(response);
    slot->ready = true;
    writeReadyResponses();
}

void HttpChannel::writeReadyResponses() {
    while (!lost_ && !slots_.empty() && slots_.front()->ready) {
        std::shared_ptr<Slot> slot = slots_.front();
        slots_.pop_front();
        writeResponse(*slot);
        if (slot->after != Slot::After::keepOpen || stream_) {
            slots_.clear();
            return;
        }
    }
    if (lost_ || closing_ || stream_) return;
    // Answering made room: requests waiting behind maxPipelined may go on, and once nothing is
    // owed the client's deadline starts again (processRequests sets it).
    processRequests();
}

void HttpChannel::writeResponse(Slot& slot) {
    Response& response = slot.response;
    bool head = slot.method == "HEAD";
    // 1xx, 204 and 304 never have a body; everything else says how long its body is, except a
    // stream, which ends when the connection does.
    bool bodyless = response.status < 200 || response.status == 204 || response.status == 304;
    Headers& headers = response.headers;
    if (!headers.has("Date")) headers.set("Date", date());
    if (response.stream) {
        headers.remove("Content-Length");
        headers.set("Connection", "close");
    } else if (!bodyless) {
        headers.set("Content-Length", std::to_string(response.body.size()));
    }
    if (slot.after != Slot::After::keepOpen) {
        headers.set("Connection", "close");
    } else if (slot.version == "HTTP/1.0") {
        headers.set("Connection", "keep-alive");
    }

    std::string out = "HTTP/1.1 " + std::to_string(response.status) + " ";
    out += reasonPhrase(response.status);
    out += "\r\n";
    for (const Header& h : headers) {
        out += h.name;
        out += ": ";
        out += h.value;
        out += "\r\n";
    }
    out += "\r\n";
    if (!head && !bodyless && !response.stream) out += response.body;
    transport->write(out);
    reactor_.tracer().emit(kind::httpResponse,
                           {{"connection", connectionId_}, {"status", response.status}, {"bytes", out.size()}});

    if (response.stream && !head) {
        closing_ = true;
        stopDeadline();
        stream_ = std::make_shared<Stream>(*this, connectionId_);
        try {
            response.stream(stream_);
        } catch (...) {
            reactor_.logError("http connection " + std::to_string(connectionId_) + " stream", std::current_exception());
            stream_->finish();
        }
        return;
    }
    if (slot.after == Slot::After::close || (response.stream && head)) {
        closing_ = true;
        transport->loseConnection();
    } else if (slot.after == Slot::After::linger) {
        // Closing at once would reset the connection if the client is still sending (the rest
        // of a body we refused), and a reset can destroy our answer before the client reads it.
        // So: send the answer and our FIN, read and drop what still comes, and abort later.
        transport->loseWriteConnection();
        std::weak_ptr<HttpChannel> weak = weak_from_this();
        lingerTimer_ = reactor_.callLater(options_.lingerTimeout, [weak] {
            if (auto channel = weak.lock(); channel && !channel->lost_) channel->transport->abortConnection();
        });
    }
}

HttpChannel::Deadline HttpChannel::deadlineNow() const {
    // While a response is owed the server is the slow one: the client waits for us, not we for it.
    if (lost_ || closing_ || stream_ || !slots_.empty()) return Deadline::none;
    switch (parser_.stage()) {
        case RequestParser::Stage::none: return Deadline::idle;
        case RequestParser::Stage::head: return Deadline::header;
        case RequestParser::Stage::body: return Deadline::body;
    }
    return Deadline::none;
}

void HttpChannel::updateDeadline(bool bodyArrived) {
    Deadline wanted = deadlineNow();
    Duration limit = wanted == Deadline::idle     ? options_.idleTimeout
                     : wanted == Deadline::header ? options_.headerTimeout
                                                  : options_.bodyTimeout;
    bool running = deadlineTimer_ && deadlineTimer_->active();
    if (running && wanted == deadline_) {
        // Another piece of the body: its pause starts now (Twisted's resetTimeout, a reset).
        if (wanted == Deadline::body && bodyArrived) deadlineTimer_->reset(limit);
        return;
    }
    stopDeadline();
    if (wanted == Deadline::none || limit <= Duration::zero()) return;
    deadline_ = wanted;
    std::weak_ptr<HttpChannel> weak = weak_from_this();
    deadlineTimer_ = reactor_.callLater(limit, [weak, wanted] {
        if (auto channel = weak.lock()) channel->timedOut(wanted);
    });
}

void HttpChannel::stopDeadline() {
    if (deadlineTimer_ && deadlineTimer_->active()) deadlineTimer_->cancel();
    deadlineTimer_.reset();
    deadline_ = Deadline::none;
}

namespace {

std::string secondsText(Duration d) {
    char text[32];
    std::snprintf(text, sizeof text, "%g s", std::chrono::duration<double>(d).count());
    return text;
}

}  // namespace

void HttpChannel::timedOut(Deadline which) {
    deadlineTimer_.reset();
    deadline_ = Deadline::none;
    if (lost_ || closing_) return;
    closing_ = true;
    if (which == Deadline::idle) {
        // Idle between requests: nothing to answer, just close (as browsers expect).
        transport->loseConnection();
        return;
    }
    // Part of a request arrived, and not the rest in time (a slow or stalled client): 408.
    std::string why = which == Deadline::header
                          ? "the request's header did not arrive within " + secondsText(options_.headerTimeout) + " of its first byte"
                          : "the request's body paused for more than " + secondsText(options_.bodyTimeout);
    auto slot = std::make_shared<Slot>();
    slot->after = Slot::After::linger;
    slot->ready = true;
    slot->response = Response::text(408, "408 Request Timeout: " + why + "\n");
    slots_.push_back(slot);
    writeReadyResponses();
}

std::string HttpChannel::date() const {
    if (options_.date) return options_.date();
    return formatHttpDate(std::chrono::system_clock::now());
}

HttpFactory::HttpFactory(Reactor& reactor, RequestHandler handler, HttpServerOptions options)
    : reactor_(reactor), handler_(std::move(handler)), options_(std::move(options)) {}

std::shared_ptr<Protocol> HttpFactory::buildProtocol(const Address&) {
    return std::make_shared<HttpChannel>(reactor_, handler_, options_);
}

}  // namespace lab::http
