// WebApp (web_app.h).
#include "web_app.h"

#include "page.h"

namespace lab::web {

WebApp::WebApp(Reactor& reactor, Duration keepAliveInterval) : events_(reactor, keepAliveInterval), chat_(events_) {
    router_.add("GET", "/", [](http::Request&) { return http::Response::html(200, std::string(indexHtml())); });
    chat_.install(router_);
    items_.install(router_, "/items");
    items_.onChange([this](const std::string& what, const nlohmann::json& item) {
        events_.broadcast(nlohmann::json{{"change", what}, {"item", item}}.dump(), "item");
    });
}

}  // namespace lab::web
