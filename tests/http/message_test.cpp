// Headers, Request::keepAlive, the HTTP date and the Response <-> Value round trip.
#include <catch2/catch.hpp>

#include "http/http_message.h"

using namespace lab::http;

TEST_CASE("Headers: lookups ignore case, order and repeats are kept, set replaces all") {
    Headers h;
    h.add("Set-Cookie", "a=1");
    h.add("Content-Type", "text/plain");
    h.add("set-cookie", "b=2");
    CHECK(h.get("SET-COOKIE") == "a=1");
    CHECK(h.getAll("Set-Cookie") == std::vector<std::string>{"a=1", "b=2"});
    h.set("SET-COOKIE", "c=3");
    CHECK(h.getAll("set-cookie") == std::vector<std::string>{"c=3"});
    CHECK(h.size() == 2);
    CHECK(h.begin()->name == "Content-Type");
    h.remove("content-type");
    CHECK_FALSE(h.has("Content-Type"));
}

TEST_CASE("Headers: hasToken finds a token in a comma-separated list, whole tokens only") {
    Headers h;
    h.add("Connection", "Keep-Alive, Upgrade");
    CHECK(h.hasToken("connection", "keep-alive"));
    CHECK(h.hasToken("Connection", "upgrade"));
    CHECK_FALSE(h.hasToken("Connection", "keep"));
    CHECK_FALSE(h.hasToken("Connection", "close"));
}

TEST_CASE("Request: keepAlive follows the version and the Connection header") {
    Request r;
    r.version = "HTTP/1.1";
    CHECK(r.keepAlive());
    r.headers.set("Connection", "close");
    CHECK_FALSE(r.keepAlive());
    r.version = "HTTP/1.0";
    r.headers.remove("Connection");
    CHECK_FALSE(r.keepAlive());
    r.headers.set("Connection", "keep-alive");
    CHECK(r.keepAlive());
}

TEST_CASE("formatHttpDate: the IMF-fixdate of a known instant") {
    // 784111777 seconds after the epoch is RFC 9110's example date.
    auto when = std::chrono::system_clock::time_point(std::chrono::seconds(784111777));
    CHECK(formatHttpDate(when) == "Sun, 06 Nov 1994 08:49:37 GMT");
}

TEST_CASE("Response: a Value round trip keeps status, headers in order, and body") {
    Response original = Response::text(201, "made");
    original.headers.add("Location", "/items/3");
    Response back = responseFromValue(responseToValue(original));
    CHECK(back.status == 201);
    CHECK(back.body == "made");
    REQUIRE(back.headers.size() == 2);
    CHECK(back.headers.begin()->name == "Content-Type");
    CHECK(back.headers.get("location") == "/items/3");
}

TEST_CASE("Response: responseFromValue says what is wrong with a Value of another shape") {
    CHECK_THROWS_WITH(responseFromValue(lab::Value("hello")), Catch::Contains("not an object"));
    CHECK_THROWS_WITH(responseFromValue(lab::Value{{"body", "x"}}), Catch::Contains("status"));
    CHECK_THROWS_WITH(responseFromValue(lab::Value{{"status", 200}, {"headers", {{"a"}}}}),
                      Catch::Contains("[name, value]"));
    Response streaming;
    streaming.stream = [](std::shared_ptr<ResponseStream>) {};
    CHECK_THROWS_WITH(responseToValue(streaming), Catch::Contains("streaming"));
}

TEST_CASE("reasonPhrase: the phrases the server uses, and Unknown otherwise") {
    CHECK(reasonPhrase(404) == "Not Found");
    CHECK(reasonPhrase(431) == "Request Header Fields Too Large");
    CHECK(reasonPhrase(299) == "Unknown");
}
