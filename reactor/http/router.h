// Router: which handler answers a request, by method and path pattern.
//
//   Router router;
//   router.add("GET", "/items/{id}", [&](Request& r) { return show(r.params.at("id")); });
//
// A pattern is a path whose segments are literal ("items") or a named parameter ("{id}", which
// matches one non-empty segment and lands in Request::params). Routes are tried in the order
// they were added. A path that no pattern matches gets 404; a path that matches with another
// method gets 405 with an Allow header listing the methods that would work. HEAD is answered
// by the GET route when there is no HEAD route (the server drops the body).
// Not here: reading and writing HTTP (http_server.h). Taught in lessons/10-rest-services;
// tested in tests/http/router_test.cpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/http_server.h"

namespace lab::http {

class Router {
public:
    // Throws std::invalid_argument for a pattern that does not start with '/' or has an empty
    // or unclosed {name}.
    Router& add(std::string method, std::string_view pattern, RequestHandler handler);
    // Answer a request: the matching route's handler, or 404/405.
    RequestResult route(Request& request) const;
    // This router as one RequestHandler for HttpFactory. The router must outlive it.
    RequestHandler handler() const;

private:
    struct Segment {
        std::string text;
        bool parameter = false;
    };
    struct Route {
        std::string method;
        std::vector<Segment> segments;
        RequestHandler handler;
    };
    static std::vector<Segment> parsePattern(std::string_view pattern);
    static bool match(const Route& route, const std::vector<std::string_view>& parts, Request& request);

    std::vector<Route> routes_;
};

}  // namespace lab::http
