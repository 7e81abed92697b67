// Router: patterns with {name}, 404, 405 with Allow, HEAD answered by GET.
#include <catch2/catch.hpp>

#include "http/router.h"

using namespace lab::http;

namespace {

Request request(std::string method, std::string path) {
    Request r;
    r.method = std::move(method);
    r.target = path;
    r.path = std::move(path);
    r.version = "HTTP/1.1";
    return r;
}

Response answer(const Router& router, std::string method, std::string path) {
    Request r = request(std::move(method), std::move(path));
    RequestResult result = router.route(r);
    REQUIRE(std::holds_alternative<Response>(result));
    return std::get<Response>(result);
}

RequestHandler says(std::string what) {
    return [what](Request& r) {
        std::string body = what;
        for (const auto& [name, value] : r.params) body += " " + name + "=" + value;
        return Response::text(200, body);
    };
}

}  // namespace

TEST_CASE("Router: literal and {name} segments match, and parameters reach the handler") {
    Router router;
    router.add("GET", "/", says("root"));
    router.add("GET", "/items", says("list"));
    router.add("GET", "/items/{id}", says("show"));
    router.add("GET", "/users/{user}/items/{id}", says("nested"));
    CHECK(answer(router, "GET", "/").body == "root");
    CHECK(answer(router, "GET", "/items").body == "list");
    CHECK(answer(router, "GET", "/items/42").body == "show id=42");
    CHECK(answer(router, "GET", "/users/ann/items/7").body == "nested id=7 user=ann");
}

TEST_CASE("Router: unknown paths are 404, an empty parameter or a trailing slash do not match") {
    Router router;
    router.add("GET", "/items/{id}", says("show"));
    CHECK(answer(router, "GET", "/nothing").status == 404);
    CHECK(answer(router, "GET", "/items/").status == 404);
    CHECK(answer(router, "GET", "/items/3/").status == 404);
    CHECK(answer(router, "GET", "/items").status == 404);
}

TEST_CASE("Router: a known path with another method is 405 with Allow") {
    Router router;
    router.add("GET", "/items", says("list"));
    router.add("POST", "/items", says("create"));
    router.add("DELETE", "/items/{id}", says("delete"));
    Response r = answer(router, "PATCH", "/items");
    CHECK(r.status == 405);
    CHECK(r.headers.get("Allow") == "GET, HEAD, POST");
    CHECK(answer(router, "GET", "/items/3").headers.get("Allow") == "DELETE");
}

TEST_CASE("Router: HEAD is answered by the GET route unless it has its own") {
    Router router;
    router.add("GET", "/a", says("get a"));
    router.add("GET", "/b", says("get b"));
    router.add("HEAD", "/b", says("head b"));
    CHECK(answer(router, "HEAD", "/a").body == "get a");
    CHECK(answer(router, "HEAD", "/b").body == "head b");
}

TEST_CASE("Router: the first route added wins when two match") {
    Router router;
    router.add("GET", "/items/new", says("form"));
    router.add("GET", "/items/{id}", says("show"));
    CHECK(answer(router, "GET", "/items/new").body == "form");
    CHECK(answer(router, "GET", "/items/9").body == "show id=9");
}

TEST_CASE("Router: bad patterns are refused with a message naming them") {
    Router router;
    CHECK_THROWS_WITH(router.add("GET", "items", says("x")), Catch::Contains("must start with '/'"));
    CHECK_THROWS_WITH(router.add("GET", "/items/{id", says("x")), Catch::Contains("{id"));
    CHECK_THROWS_WITH(router.add("GET", "/items/{}", says("x")), Catch::Contains("{}"));
    CHECK_THROWS_WITH(router.add("GET", "/a//b", says("x")), Catch::Contains("bad segment"));
    CHECK_THROWS_WITH(router.add("GET", "/a", RequestHandler{}), Catch::Contains("empty"));
}
