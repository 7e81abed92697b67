// ItemsResource: the REST lesson's collection of JSON items, served through a Router.
//
//   GET    /items        200, [{"id":1,...}, ...] in id order
//   GET    /items/{id}   200 with the item, 404 for an unknown id
//   POST   /items        201 with the stored item and Location: /items/{new id}
//   PUT    /items/{id}   200 with the replaced item, 404 for an unknown id
//   DELETE /items/{id}   204, 404 for an unknown id
// A body that is not JSON, or not a JSON object, is a 400 whose message says where it broke.
// Items live in memory, in this process only. The id is the server's: an "id" in a body is
// replaced by the real one. Not here: the HTTP mechanics (reactor/http). Taught in
// lessons/10-rest-services; tested in tests/http/web_app_test.cpp and by curl (tests/http/curl_test.sh).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "http/router.h"

namespace lab::web {

class ItemsResource {
public:
    // Add the five routes under `base` ("/items") to the router. This object must outlive it.
    void install(http::Router& router, const std::string& base = "/items");
    // Called after every change with "created", "replaced" or "deleted" and the item (for a
    // feed that shows changes as they happen).
    void onChange(std::function<void(const std::string&, const nlohmann::json&)> listener) {
        listener_ = std::move(listener);
    }

    http::Response list(const http::Request& request) const;
    http::Response show(const http::Request& request) const;
    http::Response create(const http::Request& request);
    http::Response replace(const http::Request& request);
    http::Response remove(const http::Request& request);

    std::size_t size() const { return items_.size(); }

private:
    // The {id} of the request as a known item's key; nullopt when absent or not a number.
    std::optional<std::int64_t> knownId(const http::Request& request) const;
    void changed(const std::string& what, const nlohmann::json& item) const;

    std::string base_ = "/items";
    std::map<std::int64_t, nlohmann::json> items_;
    std::int64_t nextId_ = 1;
    std::function<void(const std::string&, const nlohmann::json&)> listener_;
};

}  // namespace lab::web
