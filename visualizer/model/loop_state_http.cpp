// The fold, continued: the HTTP requests a server parsed (traces/SCHEMA.md's "HTTP" section) and
// the TCP events on their connections that move them along; see HttpRequestState in loop_state.h.
// The trace names a request only by its connection; responses on one connection come in request
// order (SCHEMA.md), so a response answers the oldest unanswered request on its connection.
// Tested in tests/visualizer/http_requests_state_test.cpp over the lessons 08, 09 and 10 traces.
#include <algorithm>

#include "model/loop_state.h"
#include "model/event_view.h"

namespace lab::viz {

namespace {

using Requests = std::vector<HttpRequestState>;

// The newest request on `connection`, or nullptr.
HttpRequestState* newestOn(Requests& requests, std::int64_t connection) {
    auto found = std::find_if(requests.rbegin(), requests.rend(),
                              [&](const HttpRequestState& r) { return r.connection == connection; });
    return found == requests.rend() ? nullptr : &*found;
}

// The oldest request on `connection` still waiting for its response, or nullptr.
HttpRequestState* unansweredOn(Requests& requests, std::int64_t connection) {
    auto found = std::find_if(requests.begin(), requests.end(), [&](const HttpRequestState& r) {
        return r.connection == connection && !r.responded && !r.closed;
    });
    return found == requests.end() ? nullptr : &*found;
}

}  // namespace

HttpRequestState::Stage HttpRequestState::stage() const {
    if (!responded) return closed ? Stage::closedUnanswered : Stage::handling;
    if (streams()) return closed ? Stage::streamClosed : Stage::streaming;
    return sent ? Stage::responseSent : Stage::responseBuffered;
}

std::string_view stageLabel(HttpRequestState::Stage stage) {
    using Stage = HttpRequestState::Stage;
    switch (stage) {
        case Stage::handling: return "being handled";
        case Stage::responseBuffered: return "response buffered";
        case Stage::responseSent: return "response sent";
        case Stage::streaming: return "streaming events";
        case Stage::streamClosed: return "stream closed";
        case Stage::closedUnanswered: return "closed unanswered";
    }
    return "?";
}

// HTTP's own kinds: a request parsed, its response written, an event broadcast to the streams.
void LoopState::applyHttp(std::string_view k, const EventView& event, std::size_t index) {
    LastEvent news{std::string(k), now, index};
    std::int64_t connection = intField(event, "connection");
    if (k == kind::httpRequest) {
        HttpRequestState request;
        request.number = ++httpRequestsSeen;
        request.connection = connection;
        request.method = textField(event, "method");
        request.target = textField(event, "target");
        request.requestedAt = now;
        request.requestIndex = index;
        request.last = news;
        httpRequests.push_back(std::move(request));
    } else if (k == kind::httpResponse) {
        HttpRequestState* request = unansweredOn(httpRequests, connection);
        if (!request) {
            // No request is waiting: the server is answering one that did not parse (a 400, say).
            // The bytes buffered just before were this answer, not a stream of the request before.
            if (HttpRequestState* before = newestOn(httpRequests, connection)) before->streamBytes = 0;
            HttpRequestState unparsed;
            unparsed.number = ++httpRequestsSeen;
            unparsed.connection = connection;
            unparsed.requestedAt = now;
            unparsed.requestIndex = index;
            httpRequests.push_back(std::move(unparsed));
            request = &httpRequests.back();
        }
        request->responded = true;
        request->status = intField(event, "status");
        request->bytes = intField(event, "bytes");
        request->last = news;
    } else if (k == kind::sseBroadcast) {
        // The broadcast names no connection: every stream open now is counted as one of its
        // clients (true of one broadcaster, as in chapter 09; the event's "clients" says how many).
        for (HttpRequestState& request : httpRequests) {
            if (!request.streams() || request.closed) continue;
            ++request.eventsSent;
            request.last = news;
        }
    }
    forgetFinishedHttpRequests();
}

// TCP events on a request's connection: more bytes after the response (a stream), the write
// buffer emptied (the response is sent), the connection closed.
void LoopState::applyHttpConnection(std::string_view k, const EventView& event, std::size_t index) {
    LastEvent news{std::string(k), now, index};
    std::int64_t connection = intField(event, "connection");
    if (k == kind::bytesBuffered) {
        // Before its response a request's own answer is being written; after it, with no newer
        // request on the connection, what is written is a stream.
        HttpRequestState* request = newestOn(httpRequests, connection);
        if (request && request->responded && !request->closed) {
            request->streamBytes += intField(event, "bytes");
            request->last = news;
        }
        return;
    }
    bool emptied = k == kind::bytesSent && intField(event, "buffered", -1) == 0;
    bool closed = k == kind::connectionClosed;
    if (!emptied && !closed) return;
    for (HttpRequestState& request : httpRequests) {
        if (request.connection != connection || request.closed) continue;
        if (emptied && request.responded && !request.sent) {
            request.sent = true;
            request.last = news;
        }
        if (closed) {
            request.closed = true;
            request.last = news;
        }
    }
    forgetFinishedHttpRequests();
}

// Bounded like the other histories: the live requests stay, the finished ones keep the last kMaxKept.
void LoopState::forgetFinishedHttpRequests() {
    auto finished = static_cast<std::size_t>(
        std::count_if(httpRequests.begin(), httpRequests.end(), [](const HttpRequestState& r) { return r.finished(); }));
    while (finished > kMaxKept) {
        auto oldest = std::find_if(httpRequests.begin(), httpRequests.end(), [](const HttpRequestState& r) { return r.finished(); });
        httpRequests.erase(oldest);
        --finished;
    }
}

}  // namespace lab::viz
