// ItemsResource (items_resource.h): five handlers over a std::map.
#include "items_resource.h"

#include <charconv>
#include <optional>
#include <variant>

namespace lab::web {

namespace {

using http::Request;
using http::Response;

Response error(int status, const std::string& message) {
    return Response::json(status, nlohmann::json{{"error", message}});
}

Response notFound(const Request& request) { return error(404, "no item at " + request.path); }

// The body as a JSON object, or the 400 that says why not.
std::variant<nlohmann::json, Response> parseItem(const Request& request) {
    nlohmann::json body;
    try {
        body = nlohmann::json::parse(request.body);
    } catch (const nlohmann::json::parse_error& e) {
        // nlohmann's message names the byte where parsing stopped ("at line 1, column 9").
        return error(400, std::string("the body is not valid JSON: ") + e.what());
    }
    if (!body.is_object()) return error(400, std::string("an item must be a JSON object, not ") + body.type_name());
    return body;
}

}  // namespace

void ItemsResource::install(http::Router& router, const std::string& base) {
    base_ = base;
    router.add("GET", base, [this](Request& r) { return list(r); });
    router.add("POST", base, [this](Request& r) { return create(r); });
    router.add("GET", base + "/{id}", [this](Request& r) { return show(r); });
    router.add("PUT", base + "/{id}", [this](Request& r) { return replace(r); });
    router.add("DELETE", base + "/{id}", [this](Request& r) { return remove(r); });
}

std::optional<std::int64_t> ItemsResource::knownId(const Request& request) const {
    auto found = request.params.find("id");
    if (found == request.params.end()) return std::nullopt;
    const std::string& text = found->second;
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || !items_.contains(id)) return std::nullopt;
    return id;
}

void ItemsResource::changed(const std::string& what, const nlohmann::json& item) const {
    if (listener_) listener_(what, item);
}

Response ItemsResource::list(const Request&) const {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& [id, item] : items_) all.push_back(item);
    return Response::json(200, all);
}

Response ItemsResource::show(const Request& request) const {
    std::optional<std::int64_t> id = knownId(request);
    if (!id) return notFound(request);
    return Response::json(200, items_.at(*id));
}

Response ItemsResource::create(const Request& request) {
    auto parsed = parseItem(request);
    if (auto* refusal = std::get_if<Response>(&parsed)) return std::move(*refusal);
    nlohmann::json item = std::move(std::get<nlohmann::json>(parsed));
    std::int64_t id = nextId_++;
    item["id"] = id;
    items_[id] = item;
    Response response = Response::json(201, item);
    response.headers.set("Location", base_ + "/" + std::to_string(id));
    changed("created", item);
    return response;
}

Response ItemsResource::replace(const Request& request) {
    std::optional<std::int64_t> id = knownId(request);
    if (!id) return notFound(request);
    auto parsed = parseItem(request);
    if (auto* refusal = std::get_if<Response>(&parsed)) return std::move(*refusal);
    nlohmann::json item = std::move(std::get<nlohmann::json>(parsed));
    item["id"] = *id;
    items_[*id] = item;
    changed("replaced", item);
    return Response::json(200, item);
}

Response ItemsResource::remove(const Request& request) {
    std::optional<std::int64_t> id = knownId(request);
    if (!id) return notFound(request);
    nlohmann::json item = items_.at(*id);
    items_.erase(*id);
    changed("deleted", item);
    Response response;
    response.status = 204;
    return response;
}

}  // namespace lab::web
