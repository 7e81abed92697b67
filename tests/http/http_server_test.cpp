// HttpChannel over a StringTransport: keep-alive, pipelining order, HEAD, Deferred responses,
// 500s, parse errors, timeouts (after Twisted's test_http.py HTTPChannel tests).
#include <catch2/catch.hpp>

#include <map>

#include "http_test_support.h"

using namespace lab;
using namespace lab::http;
using namespace std::chrono_literals;
using lab::test::ServerConnection;

namespace {

// Answers "METHOD path" as text; /slow/NAME waits for the test to fire deferreds[NAME].
struct EchoApp {
    std::map<std::string, Deferred> deferreds;
    std::vector<std::string> seen;

    RequestHandler handler() {
        return [this](Request& r) -> RequestResult {
            seen.push_back(r.method + " " + r.target);
            if (r.path.starts_with("/slow/")) {
                Deferred d;
                deferreds.emplace(r.path.substr(6), d);
                return d;
            }
            return Response::text(200, r.method + " " + r.target + (r.body.empty() ? "" : " " + r.body));
        };
    }
    void answer(const std::string& name, const std::string& body) {
        deferreds.at(name).callback(responseToValue(Response::text(200, body)));
    }
};

}  // namespace

TEST_CASE("HttpChannel: a GET is answered with Date and Content-Length, and the connection stays open") {
    EchoApp app;
    ServerConnection c(app.handler());
    c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    auto rs = c.responses();
    REQUIRE(rs.size() == 1);
    CHECK(rs[0].status == 200);
    CHECK(rs[0].body == "GET /hello");
    CHECK(rs[0].headers.get("Date") == test::kTestDate);
    CHECK(rs[0].headers.get("Content-Length") == "10");
    CHECK_FALSE(rs[0].headers.has("Connection"));
    CHECK_FALSE(c.transport.disconnecting());
    CHECK(c.transport.value().starts_with("HTTP/1.1 200 OK\r\n"));
}

TEST_CASE("HttpChannel: keep-alive serves several requests, one after another, on one connection") {
    EchoApp app;
    ServerConnection c(app.handler());
    c.send("GET /1 HTTP/1.1\r\n\r\n");
    c.send("POST /2 HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc");
    c.send("GET /3 HTTP/1.1\r\n\r\n");
    auto rs = c.responses();
    REQUIRE(rs.size() == 3);
    CHECK(rs[1].body == "POST /2 abc");
    CHECK(rs[2].body == "GET /3");
    CHECK_FALSE(c.transport.disconnecting());
}

TEST_CASE("HttpChannel: pipelined responses leave in request order, a fast one waits for a slow one") {
    EchoApp app;
    ServerConnection c(app.handler());
    c.send("GET /slow/a HTTP/1.1\r\n\r\nGET /fast HTTP/1.1\r\n\r\nGET /slow/b HTTP/1.1\r\n\r\nGET /last HTTP/1.1\r\n\r\n");
    // Every request reached its handler at once...
    CHECK(app.seen == std::vector<std::string>{"GET /slow/a", "GET /fast", "GET /slow/b", "GET /last"});
    // ...but nothing may be written before the first one's answer.
    CHECK(c.transport.value().empty());
    app.answer("b", "b done");
    CHECK(c.transport.value().empty());
    app.answer("a", "a done");
    auto rs = c.responses();
    REQUIRE(rs.size() == 4);
    CHECK(rs[0].body == "a done");
    CHECK(rs[1].body == "GET /fast");
    CHECK(rs[2].body == "b done");
    CHECK(rs[3].body == "GET /last");
}

TEST_CASE("HttpChannel: at most maxPipelined requests are handled ahead of their answers") {
    EchoApp app;
    HttpServerOptions options;
    options.maxPipelined = 2;
    ServerConnection c(app.handler(), options);
    c.send("GET /slow/a HTTP/1.1\r\n\r\nGET /slow/b HTTP/1.1\r\n\r\nGET /third HTTP/1.1\r\n\r\n");
    CHECK(app.seen.size() == 2);
    CHECK(c.channel->pendingResponses() == 2);
    app.answer("a", "a");
    CHECK(app.seen.size() == 3);
    app.answer("b", "b");
    CHECK(c.responses().size() == 3);
}

TEST_CASE("HttpChannel: a handler's Deferred that fails becomes a 500, logged, and the connection goes on") {
    ServerConnection c([](Request& r) -> RequestResult {
        if (r.path == "/boom") return fail(Failure(std::runtime_error("database on fire")));
        return Response::text(200, "fine");
    });
    c.send("GET /boom HTTP/1.1\r\n\r\nGET /ok HTTP/1.1\r\n\r\n");
    auto rs = c.responses();
    REQUIRE(rs.size() == 2);
    CHECK(rs[0].status == 500);
    CHECK(rs[0].body.find("database") == std::string::npos);  // details go to the log, not the client
    CHECK(rs[1].body == "fine");
    auto logged = c.trace.ofKind(kind::errorLogged);
    REQUIRE(logged.size() == 1);
    CHECK(logged[0]["error"].get<std::string>().find("database on fire") != std::string::npos);
    CHECK(logged[0]["source"].get<std::string>().find("GET /boom") != std::string::npos);
}

TEST_CASE("HttpChannel: a handler that throws becomes a 500 with the error logged") {
    ServerConnection c([](Request&) -> RequestResult { throw std::logic_error("handler bug"); });
    c.send("GET / HTTP/1.1\r\n\r\n");
    auto rs = c.responses();
    REQUIRE(rs.size() == 1);
    CHECK(rs[0].status == 500);
    REQUIRE(c.trace.ofKind(kind::errorLogged).size() == 1);
    CHECK(c.trace.ofKind(kind::errorLogged)[0]["error"].get<std::string>().find("handler bug") != std::string::npos);
}

TEST_CASE("HttpChannel: a Deferred that fires with something not a Response becomes a 500 saying so in the log") {
    Deferred pending;
    ServerConnection c([&](Request&) -> RequestResult { return pending; });
    c.send("GET / HTTP/1.1\r\n\r\n");
    pending.callback(Value("just a string"));
    auto rs = c.responses();
    REQUIRE(rs.size() == 1);
    CHECK(rs[0].status == 500);
    CHECK(c.trace.ofKind(kind::errorLogged)[0]["error"].get<std::string>().find("not a Response value") != std::string::npos);
}

TEST_CASE("HttpChannel: HEAD gets the GET's headers and length but no body") {
    EchoApp app;
    ServerConnection c(app.handler());
    c.send("HEAD /page HTTP/1.1\r\n\r\nGET /after HTTP/1.1\r\n\r\n");
    const std::string& wire = c.transport.value();
    std::size_t split = wire.find("HTTP/1.1", 1);
    REQUIRE(split != std::string::npos);
    auto head = test::responsesIn(std::string_view(wire).substr(0, split), true);
    REQUIRE(head.size() == 1);
    CHECK(head[0].headers.get("Content-Length") == "10");  // "HEAD /page"
    CHECK(head[0].body.empty());
    CHECK(test::responsesIn(std::string_view(wire).substr(split))[0].body == "GET /after");
}

TEST_CASE("HttpChannel: 204 has neither body nor Content-Length") {
    ServerConnection c([](Request&) -> RequestResult {
        Response r = Response::text(204, "ignored");
        return r;
    });
    c.send("DELETE /x HTTP/1.1\r\n\r\n");
    CHECK(c.transport.value().find("Content-Length") == std::string::npos);
    CHECK(c.transport.value().ends_with("\r\n\r\n"));
}

TEST_CASE("HttpChannel: Connection: close is answered with Connection: close, then the connection closes") {
    EchoApp app;
    ServerConnection c(app.handler());
    c.send("GET /1 HTTP/1.1\r\nConnection: close\r\n\r\nGET /2 HTTP/1.1\r\n\r\n");
    auto rs = c.responses();
    REQUIRE(rs.size() == 1);
    CHECK(rs[0].headers.get("Connection") == "close");
    CHECK(c.transport.disconnecting());
    CHECK(app.seen.size() == 1);  // the request behind it is not read
}

TEST_CASE("HttpChannel: HTTP/1.0 closes after one response unless it asks for keep-alive") {
    EchoApp app;
    SECTION("plain HTTP/1.0") {
        ServerConnection c(app.handler());
        c.send("GET / HTTP/1.0\r\n\r\n");
        CHECK(c.responses()[0].headers.get("Connection") == "close");
        CHECK(c.transport.disconnecting());
    }
    SECTION("HTTP/1.0 with keep-alive") {
        ServerConnection c(app.handler());
        c.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        CHECK(c.responses()[0].headers.get("Connection") == "keep-alive");
        CHECK_FALSE(c.transport.disconnecting());
    }
}

TEST_CASE("HttpChannel: a malformed request gets 400, our side closes, and the rest is dropped") {
    EchoApp app;
    ServerConnection c(app.handler());
    c.send("NOT HTTP\r\n\r\n");
    auto rs = c.responses();
    REQUIRE(rs.size() == 1);
    CHECK(rs[0].status == 400);
    CHECK(rs[0].headers.get("Connection") == "close");
    CHECK_THAT(rs[0].body, Catch::Contains("is not 'METHOD target HTTP/1.1'"));
    CHECK(c.transport.writeClosed);  // our FIN; we keep reading so the client sees the 400
    CHECK_FALSE(c.transport.aborted);
    c.send("more garbage");
    CHECK(c.responses().size() == 1);
    c.runTurns(2);  // lingerTimeout later, the connection is dropped
    CHECK(c.transport.aborted);
}

TEST_CASE("HttpChannel: an error behind a pending request is answered after it, in order") {
    EchoApp app;
    ServerConnection c(app.handler());
    c.send("GET /slow/a HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\nBad Header\r\n\r\n");
    CHECK(c.transport.value().empty());
    app.answer("a", "first");
    auto rs = c.responses();
    REQUIRE(rs.size() == 2);
    CHECK(rs[0].body == "first");
    CHECK(rs[1].status == 400);
}

TEST_CASE("HttpChannel: the parser's limits reach the client as 413 and 431") {
    EchoApp app;
    HttpServerOptions options;
    options.limits.maxBodyBytes = 8;
    options.limits.maxHeaderCount = 2;
    SECTION("a body over the limit") {
        ServerConnection c(app.handler(), options);
        c.send("POST / HTTP/1.1\r\nContent-Length: 9\r\n\r\n");
        CHECK(c.responses()[0].status == 413);
        CHECK(app.seen.empty());
    }
    SECTION("too many header fields") {
        ServerConnection c(app.handler(), options);
        c.send("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n");
        CHECK(c.responses()[0].status == 431);
    }
}

TEST_CASE("HttpChannel: an idle connection is closed after idleTimeout, with nothing written") {
    EchoApp app;
    ServerConnection c(app.handler());
    c.runTurns(1);  // nothing due at 0: the clock jumps to the timeout
    c.runTurns(1);
    CHECK(c.reactor.now() == TimePoint(60s));
    CHECK(c.transport.disconnecting());
    CHECK(c.transport.value().empty());
}

TEST_CASE("HttpChannel: the idle timeout starts again after each response") {
    EchoApp app;
    HttpServerOptions options;
    options.idleTimeout = 10s;
    ServerConnection c(app.handler(), options);
    c.clock.advance(9s);
    c.send("GET / HTTP/1.1\r\n\r\n");
    c.runTurns(1);  // due at 9 + 10 = 19s, not 10s
    CHECK_FALSE(c.transport.disconnecting());
    c.runTurns(1);
    CHECK(c.reactor.now() == TimePoint(19s));
    CHECK(c.transport.disconnecting());
}

TEST_CASE("HttpChannel: a request header that trickles in gets 408 at headerTimeout from its first byte, however often bytes arrive") {
    EchoApp app;
    HttpServerOptions options;
    options.headerTimeout = 10s;  // idleTimeout stays 60 s: it is not the one that cuts
    ServerConnection c(app.handler(), options);
    for (char byte : std::string("GET / HTTP/1.1\r\nX: ")) {
        c.clock.advance(1s);  // one byte a second: a slowloris; it must not push the deadline
        c.send(std::string(1, byte));
    }
    CHECK(c.reactor.now() == TimePoint(19s));
    CHECK(c.responses().empty());
    c.runTurns(1);  // the deadline set at the first byte (1 s) has passed: 408 now
    auto rs = c.responses();
    REQUIRE(rs.size() == 1);
    CHECK(rs[0].status == 408);
    CHECK(rs[0].body.find("header did not arrive within 10 s") != std::string::npos);
    CHECK(c.transport.writeClosed);
}

TEST_CASE("HttpChannel: the header deadline runs from a request's first byte, not from the connection or the last response") {
    EchoApp app;
    HttpServerOptions options;
    options.idleTimeout = 30s;
    options.headerTimeout = 5s;
    ServerConnection c(app.handler(), options);
    c.clock.advance(20s);  // idle for 20 s: under the idle timeout, nothing happens
    c.send("GE");
    c.runTurns(1);  // nothing due at 20 s: the clock jumps to the header deadline
    CHECK(c.reactor.now() == TimePoint(25s));
    CHECK(c.responses().empty());
    c.runTurns(1);
    REQUIRE(c.responses().size() == 1);
    CHECK(c.responses()[0].status == 408);
}

TEST_CASE("HttpChannel: a large body sent slowly but steadily is answered; each piece moves the body deadline") {
    EchoApp app;
    HttpServerOptions options;
    options.headerTimeout = 10s;
    options.bodyTimeout = 5s;
    ServerConnection c(app.handler(), options);
    c.send("POST /upload HTTP/1.1\r\nContent-Length: 100\r\n\r\n");
    for (int piece = 0; piece < 25; ++piece) {  // 100 s in all: far past both deadlines
        c.clock.advance(4s);
        c.send("abcd");
        if (piece == 24) break;  // the last piece completes the request: no deadline is left
        auto resets = c.trace.ofKind(kind::timerReset);
        REQUIRE(resets.size() == static_cast<std::size_t>(piece + 1));
        CHECK(resets.back()["due_ns"].get<std::int64_t>() == (c.reactor.now() + 5s).time_since_epoch().count());
    }
    auto rs = c.responses();
    REQUIRE(rs.size() == 1);
    CHECK(rs[0].status == 200);
    CHECK(rs[0].body.size() == std::string("POST /upload ").size() + 100);
}

TEST_CASE("HttpChannel: a body that pauses for longer than bodyTimeout gets 408") {
    EchoApp app;
    HttpServerOptions options;
    options.bodyTimeout = 5s;
    ServerConnection c(app.handler(), options);
    c.send("POST /upload HTTP/1.1\r\nContent-Length: 10\r\n\r\nab");
    c.clock.advance(3s);
    c.send("cd");
    c.runTurns(1);  // nothing more comes: the clock jumps to the deadline, 5 s after the second piece
    CHECK(c.reactor.now() == TimePoint(8s));
    CHECK(c.responses().empty());
    c.runTurns(1);
    auto rs = c.responses();
    REQUIRE(rs.size() == 1);
    CHECK(rs[0].status == 408);
    CHECK(rs[0].body.find("body paused for more than 5 s") != std::string::npos);
}

TEST_CASE("HttpChannel: a first byte that cannot start a request (a TLS hello, binary junk) is answered 400 at once") {
    EchoApp app;
    SECTION("a TLS ClientHello") {
        ServerConnection c(app.handler());
        c.send(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11));
        auto rs = c.responses();
        REQUIRE(rs.size() == 1);
        CHECK(rs[0].status == 400);
        CHECK(rs[0].body.find("0x16") != std::string::npos);
        CHECK(rs[0].body.find("TLS") != std::string::npos);
    }
    SECTION("binary junk after a good request on the same connection") {
        ServerConnection c(app.handler());
        c.send("GET /a HTTP/1.1\r\n\r\n");
        c.send(std::string("\x00\xff", 2));
        auto rs = c.responses();
        REQUIRE(rs.size() == 2);
        CHECK(rs[0].status == 200);
        CHECK(rs[1].status == 400);
        CHECK(rs[1].body.find("byte 0x00 cannot start a request line") != std::string::npos);
    }
    SECTION("empty lines before a request line are still allowed") {
        ServerConnection c(app.handler());
        c.send("\r\n\r\nGET /b HTTP/1.1\r\n\r\n");
        auto rs = c.responses();
        REQUIRE(rs.size() == 1);
        CHECK(rs[0].status == 200);
    }
}

TEST_CASE("HttpChannel: no timeout while a handler's Deferred is pending") {
    EchoApp app;
    HttpServerOptions options;
    options.idleTimeout = 10s;
    ServerConnection c(app.handler(), options);
    c.send("GET /slow/a HTTP/1.1\r\n\r\n");
    CHECK(c.reactor.pendingTimers() == 0);
    c.clock.advance(100s);
    app.answer("a", "late but fine");
    CHECK(c.responses()[0].body == "late but fine");
    CHECK(c.reactor.pendingTimers() == 1);  // the idle timer is back
}

TEST_CASE("HttpChannel: a Deferred that fires after the client left writes nothing and raises nothing") {
    EchoApp app;
    ServerConnection c(app.handler());
    c.send("GET /slow/a HTTP/1.1\r\n\r\n");
    c.channel->connectionLost(std::make_exception_ptr(ConnectionDone("gone")));
    app.answer("a", "too late");
    CHECK(c.transport.value().empty());
    CHECK(app.deferreds.at("a").result().value().is_null());  // consumed: no unhandled error
}

TEST_CASE("HttpChannel: http_request and http_response are traced with the connection, status and bytes") {
    EchoApp app;
    ServerConnection c(app.handler());
    c.send("GET /a?b=1 HTTP/1.1\r\n\r\nGET /nope HTTP/1.1\r\nBad\r\n\r\n");
    auto requests = c.trace.ofKind(kind::httpRequest);
    auto responses = c.trace.ofKind(kind::httpResponse);
    REQUIRE(requests.size() == 1);
    CHECK(requests[0]["method"] == "GET");
    CHECK(requests[0]["target"] == "/a?b=1");
    CHECK(requests[0]["connection"] == 0);  // a StringTransport has no TCP id
    REQUIRE(responses.size() == 2);
    CHECK(responses[0]["status"] == 200);
    CHECK(responses[1]["status"] == 400);
    CHECK(responses[0]["bytes"].get<std::size_t>() + responses[1]["bytes"].get<std::size_t>() == c.transport.value().size());
}
