// WebApp: everything http-server serves, assembled on one Router.
//
//   GET /             the chat page (page.h)
//   GET /events       the event stream (ChatRoom, EventBroadcaster)
//   POST /messages    a chat message, pushed to every stream
//   /items...         the REST collection (ItemsResource); changes are pushed as "item" events
// Kept apart from main() so the tests serve the very same routes over a StringTransport.
// Tested in tests/http/web_app_test.cpp.
#pragma once

#include "chat_room.h"
#include "http/http_server.h"
#include "http/router.h"
#include "http/sse.h"
#include "items_resource.h"

namespace lab::web {

class WebApp {
public:
    explicit WebApp(Reactor& reactor, Duration keepAliveInterval = std::chrono::seconds(15));
    WebApp(const WebApp&) = delete;
    WebApp& operator=(const WebApp&) = delete;

    http::RequestHandler handler() const { return router_.handler(); }
    http::EventBroadcaster& events() { return events_; }
    ItemsResource& items() { return items_; }

private:
    http::EventBroadcaster events_;
    ItemsResource items_;
    ChatRoom chat_;
    http::Router router_;
};

}  // namespace lab::web
