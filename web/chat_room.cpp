// ChatRoom (chat_room.h).
#include "chat_room.h"

#include <nlohmann/json.hpp>

namespace lab::web {

using http::Request;
using http::Response;

void ChatRoom::install(http::Router& router) {
    router.add("GET", "/events", [this](Request& r) { return events_.subscribe(r); });
    router.add("POST", "/messages", [this](Request& r) { return post(r); });
}

Response ChatRoom::post(const Request& request) {
    auto refuse = [](const std::string& why) { return Response::json(400, nlohmann::json{{"error", why}}); };
    nlohmann::json body;
    try {
        body = nlohmann::json::parse(request.body);
    } catch (const nlohmann::json::parse_error& e) {
        return refuse(std::string("the body is not valid JSON: ") + e.what());
    }
    if (!body.is_object() || !body.contains("text") || !body["text"].is_string())
        return refuse("expected {\"name\": \"...\", \"text\": \"...\"} with a string \"text\"");
    std::string text = body["text"].get<std::string>();
    if (text.empty() || text.size() > kMaxText)
        return refuse("\"text\" must have 1 to " + std::to_string(kMaxText) + " bytes");
    std::string name = body.contains("name") && body["name"].is_string() ? body["name"].get<std::string>() : "";
    if (name.empty()) name = "anonymous";
    nlohmann::json message{{"name", name.substr(0, 40)}, {"text", text}};
    std::size_t delivered = events_.broadcast(message.dump(), "message");
    return Response::json(202, nlohmann::json{{"delivered", delivered}});
}

}  // namespace lab::web
