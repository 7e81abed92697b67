// The web app (web/): the REST collection's five routes and their errors, the page, and a chat
// message pushed to an open event stream, all through one HttpChannel as a client would see it.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "http_test_support.h"
#include "web_app.h"

using namespace lab;
using namespace lab::http;
using nlohmann::json;

namespace {

struct App {
    App() : app(connection.reactor) {}
    // One request on a fresh connection; its one response.
    test::WrittenResponse request(const std::string& method, const std::string& target, const std::string& body = "") {
        auto connection = std::make_unique<test::ServerConnection>(app.handler());
        std::string wire = method + " " + target + " HTTP/1.1\r\nHost: t\r\n";
        if (!body.empty()) wire += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
        wire += "\r\n" + body;
        connection->send(wire);
        auto responses = connection->responses(method == "HEAD");
        REQUIRE(responses.size() == 1);
        connections.push_back(std::move(connection));
        return responses[0];
    }

    test::ServerConnection connection{[](Request&) -> RequestResult { return Response::text(500, "unused"); }};
    web::WebApp app;
    std::vector<std::unique_ptr<test::ServerConnection>> connections;
};

json bodyOf(const test::WrittenResponse& r) { return json::parse(r.body); }

}  // namespace

TEST_CASE("ItemsResource: POST creates with 201 and Location, GET lists and shows, PUT replaces, DELETE removes") {
    App a;
    auto created = a.request("POST", "/items", R"({"name":"lamp","id":99})");
    CHECK(created.status == 201);
    CHECK(created.headers.get("Location") == "/items/1");
    CHECK(bodyOf(created) == json{{"id", 1}, {"name", "lamp"}});  // the server's id, not the body's
    a.request("POST", "/items", R"({"name":"desk"})");

    auto list = a.request("GET", "/items");
    CHECK(list.status == 200);
    CHECK(list.headers.get("Content-Type") == "application/json");
    CHECK(bodyOf(list) == json::array({{{"id", 1}, {"name", "lamp"}}, {{"id", 2}, {"name", "desk"}}}));
    CHECK(bodyOf(a.request("GET", "/items/2"))["name"] == "desk");

    auto replaced = a.request("PUT", "/items/1", R"({"name":"lamp","color":"red"})");
    CHECK(replaced.status == 200);
    CHECK(bodyOf(a.request("GET", "/items/1")) == json{{"id", 1}, {"name", "lamp"}, {"color", "red"}});

    CHECK(a.request("DELETE", "/items/1").status == 204);
    CHECK(a.request("GET", "/items/1").status == 404);
    CHECK(bodyOf(a.request("GET", "/items")).size() == 1);
}

TEST_CASE("ItemsResource: unknown or non-numeric ids are 404 for GET, PUT and DELETE") {
    App a;
    for (const char* method : {"GET", "PUT", "DELETE"}) {
        INFO(method);
        auto r = a.request(method, "/items/7", method == std::string("PUT") ? "{}" : "");
        CHECK(r.status == 404);
        CHECK(bodyOf(r)["error"] == "no item at /items/7");
        CHECK(a.request(method, "/items/seven", "{}").status == 404);
    }
}

TEST_CASE("ItemsResource: bad JSON is 400 with a message that says where, and a non-object is 400 too") {
    App a;
    auto broken = a.request("POST", "/items", R"({"name": )");
    CHECK(broken.status == 400);
    CHECK_THAT(bodyOf(broken)["error"].get<std::string>(), Catch::Contains("not valid JSON") && Catch::Contains("column"));
    auto array = a.request("POST", "/items", "[1,2]");
    CHECK(array.status == 400);
    CHECK_THAT(bodyOf(array)["error"].get<std::string>(), Catch::Contains("JSON object, not array"));
    a.request("POST", "/items", "{}");
    CHECK(a.request("PUT", "/items/1", "nope").status == 400);
    CHECK(a.app.items().size() == 1);
}

TEST_CASE("WebApp: / is the chat page, other methods on the collection are 405") {
    App a;
    auto page = a.request("GET", "/");
    CHECK(page.status == 200);
    CHECK(page.headers.get("Content-Type") == "text/html; charset=utf-8");
    CHECK_THAT(page.body, Catch::Contains("new EventSource(\"/events\")"));
    auto patch = a.request("PATCH", "/items");
    CHECK(patch.status == 405);
    CHECK(patch.headers.get("Allow") == "GET, HEAD, POST");
    CHECK(a.request("GET", "/missing").status == 404);
}

TEST_CASE("WebApp: a POSTed message is pushed to every open event stream, and bad ones are 400") {
    App a;
    test::ServerConnection listener1(a.app.handler()), listener2(a.app.handler());
    listener1.send("GET /events HTTP/1.1\r\n\r\n");
    listener2.send("GET /events HTTP/1.1\r\n\r\n");
    auto posted = a.request("POST", "/messages", R"({"name":"ann","text":"hello, loop"})");
    CHECK(posted.status == 202);
    CHECK(bodyOf(posted)["delivered"] == 2);
    const std::string event = "event: message\nid: 1\ndata: {\"name\":\"ann\",\"text\":\"hello, loop\"}\n\n";
    CHECK(listener1.transport.value().ends_with(event));
    CHECK(listener2.transport.value().ends_with(event));
    CHECK(a.request("POST", "/messages", R"({"name":"ann"})").status == 400);
    CHECK(a.request("POST", "/messages", "not json").status == 400);
    CHECK(a.app.events().eventsSent() == 1);
}

TEST_CASE("WebApp: changes to items are pushed as item events") {
    App a;
    test::ServerConnection listener(a.app.handler());
    listener.send("GET /events HTTP/1.1\r\n\r\n");
    a.request("POST", "/items", R"({"name":"lamp"})");
    CHECK_THAT(listener.transport.value(), Catch::EndsWith("event: item\nid: 1\ndata: {\"change\":\"created\",\"item\":{\"id\":1,\"name\":\"lamp\"}}\n\n"));
}
