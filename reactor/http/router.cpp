// Router (router.h): patterns split into segments once, matched segment by segment.
#include "http/router.h"

#include <algorithm>
#include <stdexcept>

namespace lab::http {

namespace {

// "/items/3/" -> {"items", "3", ""}: a trailing slash is a segment of its own, so "/items/"
// does not match "/items" (they are different resources).
std::vector<std::string_view> splitPath(std::string_view path) {
    std::vector<std::string_view> parts;
    if (path.empty() || path.front() != '/') return parts;
    path.remove_prefix(1);
    if (path.empty()) return parts;  // "/" has no segments
    while (true) {
        std::size_t slash = path.find('/');
        parts.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return parts;
}

}  // namespace

std::vector<Router::Segment> Router::parsePattern(std::string_view pattern) {
    if (pattern.empty() || pattern.front() != '/')
        throw std::invalid_argument("Router: pattern '" + std::string(pattern) + "' must start with '/'");
    std::vector<Segment> segments;
    for (std::string_view part : splitPath(pattern)) {
        bool opens = !part.empty() && part.front() == '{';
        bool closes = part.size() > 1 && part.back() == '}';
        std::string_view inner = opens && closes ? part.substr(1, part.size() - 2) : part;
        if (opens != closes || inner.empty() || inner.find_first_of("{}") != std::string_view::npos)
            throw std::invalid_argument("Router: pattern '" + std::string(pattern) + "' has a bad segment '" +
                                        std::string(part) + "' (a segment is a name or {name}, never empty)");
        segments.push_back({std::string(inner), opens});
    }
    return segments;
}

Router& Router::add(std::string method, std::string_view pattern, RequestHandler handler) {
    if (!handler) throw std::invalid_argument("Router: the handler for " + method + " " + std::string(pattern) + " is empty");
    routes_.push_back({std::move(method), parsePattern(pattern), std::move(handler)});
    return *this;
}

bool Router::match(const Route& route, const std::vector<std::string_view>& parts, Request& request) {
    if (route.segments.size() != parts.size()) return false;
    std::map<std::string, std::string> params;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const Segment& segment = route.segments[i];
        if (segment.parameter) {
            if (parts[i].empty()) return false;
            params[segment.text] = parts[i];
        } else if (segment.text != parts[i]) {
            return false;
        }
    }
    request.params = std::move(params);
    return true;
}

RequestResult Router::route(Request& request) const {
    std::vector<std::string_view> parts = splitPath(request.path);
    std::vector<std::string> allowed;
    const Route* fallback = nullptr;  // the GET route that answers a HEAD
    for (const Route& route : routes_) {
        Request probe;
        if (!match(route, parts, probe)) continue;
        if (route.method == request.method) {
            request.params = std::move(probe.params);
            return route.handler(request);
        }
        if (request.method == "HEAD" && route.method == "GET" && !fallback) fallback = &route;
        bool seen = false;
        for (const std::string& m : allowed) seen = seen || m == route.method;
        if (!seen) allowed.push_back(route.method);
    }
    if (fallback) {
        match(*fallback, parts, request);
        return fallback->handler(request);
    }
    if (allowed.empty()) return Response::text(404, "404 Not Found: " + request.path + "\n");
    std::string allow;
    for (const std::string& m : allowed) {
        if (m == "GET" && std::find(allowed.begin(), allowed.end(), "HEAD") == allowed.end()) allow += "GET, HEAD, ";
        else allow += m + ", ";
    }
    allow.resize(allow.size() - 2);
    Response response = Response::text(405, "405 Method Not Allowed: " + request.method + " " + request.path +
                                                 " (allowed: " + allow + ")\n");
    response.headers.set("Allow", allow);
    return response;
}

RequestHandler Router::handler() const {
    return [this](Request& request) { return route(request); };
}

}  // namespace lab::http
