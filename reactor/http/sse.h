// Server-Sent Events: one `text/event-stream` response per browser, and a broadcaster that
// pushes each event to all of them (the real-time chapter's "one event, many clients").
//
//   EventBroadcaster events(reactor);
//   router.add("GET", "/events", [&](Request& r) { return events.subscribe(r); });
//   events.broadcast("hello");  // every subscribed client receives "data: hello\n\n"
//
// A subscriber is a streaming Response (http_message.h) kept open; the broadcaster forgets it
// when its connection closes. While anyone is subscribed, a comment line (": keep-alive") goes
// out every keepAliveInterval so proxies and browsers do not drop a quiet stream. One event
// becomes one write per client: a slow client's bytes wait in its own transport buffer.
// Not here: the browser side (web/static/index.html). Taught in lessons/09-real-time;
// tested in tests/http/sse_test.cpp and in headless Chromium (tests/http/chromium_sse_test.py).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/reactor.h"
#include "http/http_message.h"

namespace lab::http {

// One event in the wire format: optional "event:" and "id:" lines, one "data:" line per line of
// `data`, and the blank line that ends it.
std::string formatEvent(std::string_view data, std::string_view event = {}, std::string_view id = {});

class EventBroadcaster {
public:
    explicit EventBroadcaster(Reactor& reactor, Duration keepAliveInterval = std::chrono::seconds(15));
    ~EventBroadcaster();
    EventBroadcaster(const EventBroadcaster&) = delete;
    EventBroadcaster& operator=(const EventBroadcaster&) = delete;

    // A handler's answer for GET /events: a streaming response that joins the audience.
    Response subscribe(const Request& request);
    // Send one event to every open client; returns how many it went to.
    std::size_t broadcast(std::string_view data, std::string_view event = {});
    std::size_t clientCount() const { return clients_.size(); }
    // Events broadcast so far; each one's id (1, 2, ...) goes out with it.
    std::uint64_t eventsSent() const { return nextId_ - 1; }

private:
    void add(std::shared_ptr<ResponseStream> stream);
    void forget(const ResponseStream* stream);
    void scheduleKeepAlive();
    void sendKeepAlive();

    Reactor& reactor_;
    Duration keepAliveInterval_;
    std::vector<std::shared_ptr<ResponseStream>> clients_;
    std::shared_ptr<DelayedCall> keepAlive_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  // streams outlive us: they check it
    std::uint64_t nextId_ = 1;
};

}  // namespace lab::http
