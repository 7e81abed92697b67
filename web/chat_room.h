// ChatRoom: the real-time demo's two routes. POST /messages takes {"name": ..., "text": ...}
// and pushes it, as one Server-Sent Event named "message", to every browser on GET /events.
//
// The message goes out as JSON text in the event's data; the page (web/static/index.html)
// parses it and appends a line. Not here: the event stream itself (reactor/http/sse.h).
// Taught in lessons/09-real-time; tested in tests/http/web_app_test.cpp and in headless
// Chromium (tests/http/chromium_sse_test.py).
#pragma once

#include <cstddef>

#include "http/router.h"
#include "http/sse.h"

namespace lab::web {

class ChatRoom {
public:
    explicit ChatRoom(http::EventBroadcaster& events) : events_(events) {}
    // Add GET /events and POST /messages. This object must outlive the router.
    void install(http::Router& router);
    // 202 with {"delivered": clients}, or 400 naming what is wrong with the body.
    http::Response post(const http::Request& request);

    // Longest text accepted, in bytes: a chat line, not a document.
    static constexpr std::size_t kMaxText = 2000;

private:
    http::EventBroadcaster& events_;
};

}  // namespace lab::web
