// The HTTP client against a raw server protocol on loopback, under the real reactor: the bytes
// it sends, the response Value it fires with, and every way a response can go wrong.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "http/http_client.h"
#include "http_client/raw_http_server.h"
#include "support/closed_port.h"
#include "trace/memory_sink.h"

using namespace lab;
using namespace lab::http;
using namespace lab::test;
using namespace std::chrono_literals;

namespace {

// A reactor, a raw server on a free port, and the URL of a path on it.
struct Fixture {
    explicit Fixture(std::string backend = "poll", Clock* clock = nullptr) : reactor({backend, clock, &sink}) {
        factory = std::make_shared<RawHttpServerFactory>();
        port = listenTCP(reactor, 0, factory);
    }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port->getHost().port) + path; }
    RawHttpServer& server() { return *factory->built.at(0); }
    // Turn the loop until the request has released its connection and every timer is done.
    // A 1 ms tick bounds each wait: the turn that releases the last timer would otherwise block
    // forever, with only the listening port left to watch.
    bool settle() {
        auto quiet = [&] {
            return reactor.pendingTimers() == 0 && reactor.getWriters().empty() && reactor.getReaders().size() == 1;
        };
        for (int turn = 0; turn < 400 && !quiet(); ++turn) {
            auto tick = reactor.callLater(1ms, [] {});
            reactor.runOnce();
            if (tick->active()) tick->cancel();
        }
        return quiet();
    }

    MemorySink sink;
    Reactor reactor;
    std::shared_ptr<RawHttpServerFactory> factory;
    std::unique_ptr<ListeningPort> port;
};

void answer(Fixture& f, std::string response) {
    f.factory->onRequest = [response](RawHttpServer& server, const std::string&) { server.transport->write(response); };
}

}  // namespace

TEST_CASE("HttpClient: a GET sends Host and Connection: close, and fires with status, headers and body") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll", "epoll");
    Fixture f(backend);
    answer(f, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nX-Two: a\r\nX-Two: b\r\n\r\nhello");
    auto got = watch(httpGet(f.reactor, f.url("/items/3?full=1")));
    CHECK_FALSE(got->fired);  // never from inside httpGet
    REQUIRE(runUntil(f.reactor, [&] { return got->fired; }));
    REQUIRE_FALSE(got->failure);
    std::string port = std::to_string(f.port->getHost().port);
    CHECK(f.server().received == "GET /items/3?full=1 HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n");
    CHECK(got->value["status"] == 200);
    CHECK(got->value["body"] == "hello");
    Response response = responseFromValue(got->value);
    CHECK(response.headers.get("content-type") == "text/plain");
    CHECK(response.headers.getAll("X-Two") == std::vector<std::string>{"a", "b"});
    REQUIRE(f.settle());
    CHECK(f.server().lostType == "lab::ConnectionDone");  // the client closed after the response
}

TEST_CASE("HttpClient: a 404 is a response, not a failure") {
    Fixture f;
    answer(f, "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found");
    auto got = watch(httpGet(f.reactor, f.url("/nothing")));
    REQUIRE(runUntil(f.reactor, [&] { return got->fired; }));
    REQUIRE_FALSE(got->failure);
    CHECK(got->value["status"] == 404);
    CHECK(got->value["body"] == "not found");
    REQUIRE(f.settle());
}

TEST_CASE("HttpClient: a chunked response written over several turns arrives decoded") {
    Fixture f;
    f.factory->onRequest = [&f](RawHttpServer& server, const std::string&) {
        server.transport->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel");
        f.reactor.callLater(Duration::zero(), [&server, &f] {
            server.transport->write("lo\r\n7;note=x\r\n, world\r\n");
            f.reactor.callLater(Duration::zero(), [&server] { server.transport->write("0\r\nX-Trailer: t\r\n\r\n"); });
        });
    };
    auto got = watch(httpGet(f.reactor, f.url("/chunks")));
    REQUIRE(runUntil(f.reactor, [&] { return got->fired; }));
    REQUIRE_FALSE(got->failure);
    CHECK(got->value["body"] == "hello, world");
    REQUIRE(f.settle());
}

TEST_CASE("HttpClient: a body with neither length nor chunking ends when the server closes") {
    Fixture f;
    f.factory->onRequest = [&f](RawHttpServer& server, const std::string&) {
        server.transport->write("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nfirst ");
        f.reactor.callLater(Duration::zero(), [&server] {
            server.transport->write("and last");
            server.transport->loseConnection();
        });
    };
    auto got = watch(httpGet(f.reactor, f.url("/stream")));
    REQUIRE(runUntil(f.reactor, [&] { return got->fired; }));
    REQUIRE_FALSE(got->failure);
    CHECK(got->value["body"] == "first and last");
    REQUIRE(f.settle());
}

TEST_CASE("HttpClient: POST sends its body with Content-Length and a JSON Content-Type") {
    Fixture f;
    answer(f, "HTTP/1.1 201 Created\r\nLocation: /items/9\r\nContent-Length: 0\r\n\r\n");
    auto got = watch(httpPost(f.reactor, f.url("/items"), R"({"name":"tea"})"));
    REQUIRE(runUntil(f.reactor, [&] { return got->fired; }));
    REQUIRE_FALSE(got->failure);
    const std::string& request = f.server().received;
    CHECK(request.rfind("POST /items HTTP/1.1\r\n", 0) == 0);
    CHECK(request.find("\r\nContent-Type: application/json\r\n") != std::string::npos);
    CHECK(request.find("\r\nContent-Length: 14\r\n\r\n{\"name\":\"tea\"}") != std::string::npos);
    CHECK(got->value["status"] == 201);
    CHECK(responseFromValue(got->value).headers.get("Location") == "/items/9");
    REQUIRE(f.settle());
}

TEST_CASE("HttpClient: a refused connection fails with ConnectionRefusedError naming the request") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll");
    Fixture f(backend);
    ClosedPort closed;
    auto got = watch(httpGet(f.reactor, "http://127.0.0.1:" + std::to_string(closed.port) + "/users/7"));
    REQUIRE(runUntil(f.reactor, [&] { return got->fired; }));
    CHECK(got->failureType() == "lab::ConnectionRefusedError");
    CHECK_THAT(got->failureMessage(), Catch::StartsWith("GET /users/7: connect failed: ") && Catch::Contains("Connection refused"));
    REQUIRE(f.settle());
}

TEST_CASE("HttpClient: a reset in the middle of the body fails with ResponseFailed saying how far it got") {
    Fixture f;
    f.factory->onRequest = [](RawHttpServer& server, const std::string&) {
        server.sendThenReset("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
    };
    auto got = watch(httpGet(f.reactor, f.url("/big")));
    REQUIRE(runUntil(f.reactor, [&] { return got->fired; }));
    CHECK(got->failureType() == "lab::http::ResponseFailed");
    CHECK_THAT(got->failureMessage(), Catch::StartsWith("GET /big: the connection closed after 10 of 100 body bytes"));
    CHECK_THAT(got->failureMessage(), Catch::Contains("lab::ConnectionLost"));
    REQUIRE(f.settle());
}

TEST_CASE("HttpClient: a server that closes without answering gives ResponseNeverReceived") {
    Fixture f;
    f.factory->onRequest = [](RawHttpServer& server, const std::string&) { server.transport->loseConnection(); };
    auto got = watch(httpGet(f.reactor, f.url("/silent")));
    REQUIRE(runUntil(f.reactor, [&] { return got->fired; }));
    CHECK(got->failureType() == "lab::http::ResponseNeverReceived");
    CHECK_THAT(got->failureMessage(), Catch::StartsWith("GET /silent: the connection closed before any response"));
    REQUIRE(f.settle());
}

TEST_CASE("HttpClient: a malformed response fails with ResponseFailed and the client aborts the connection") {
    Fixture f;
    answer(f, "HTTP/1.1 2x0 OK\r\n\r\n");
    auto got = watch(httpGet(f.reactor, f.url("/bad")));
    REQUIRE(runUntil(f.reactor, [&] { return got->fired; }));
    CHECK(got->failureType() == "lab::http::ResponseFailed");
    CHECK(got->failureMessage() == "GET /bad: malformed response: status line 'HTTP/1.1 2x0 OK': the status code is not three digits");
    CHECK(f.sink.ofKind("connection_aborted").size() == 1);
    REQUIRE(f.settle());
}

TEST_CASE("HttpClient: a body over the limit fails with ResponseFailed before it is read") {
    Fixture f;
    answer(f, "HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n");
    HttpClientOptions options;
    options.limits.maxBodyBytes = 1000;
    auto got = watch(httpGet(f.reactor, f.url("/huge"), options));
    REQUIRE(runUntil(f.reactor, [&] { return got->fired; }));
    CHECK(got->failureType() == "lab::http::ResponseFailed");
    CHECK_THAT(got->failureMessage(), Catch::Contains("Content-Length 2000 is over the limit of 1000 body bytes"));
    REQUIRE(f.settle());
}

TEST_CASE("HttpClient: options.timeout fails a silent server's request with TimeoutError and aborts the connection") {
    ManualClock clock;
    Fixture f("poll", &clock);
    f.factory->onRequest = [](RawHttpServer&, const std::string&) {};  // read the request, never answer
    HttpClientOptions options;
    options.timeout = 5s;
    auto got = watch(httpGet(f.reactor, f.url("/slow"), options));
    // Time only moves when the loop finds nothing to do; until the server has the request, it
    // always has something (the handshake, the accept, the request's bytes) on loopback.
    REQUIRE(runUntil(f.reactor, [&] { return got->fired; }));
    CHECK(got->failureType() == "lab::TimeoutError");
    CHECK(got->failureMessage() == "deferred timed out after 5000 ms");
    CHECK(clock.now().time_since_epoch() == 5s);
    REQUIRE(f.settle());
    CHECK(f.server().answered);
    CHECK(f.server().lostCalls == 1);  // the client's abort reached the server
    CHECK(f.sink.ofKind("connection_aborted").size() == 1);
}

TEST_CASE("HttpClient: cancel() aborts the connection and fails with CancelledError") {
    Fixture f;
    bool serverHasRequest = false;
    f.factory->onRequest = [&](RawHttpServer&, const std::string&) { serverHasRequest = true; };
    Deferred request = httpGet(f.reactor, f.url("/slow"));
    auto got = watch(request);
    REQUIRE(runUntil(f.reactor, [&] { return serverHasRequest; }));
    request.cancel();
    CHECK(got->failureType() == "lab::CancelledError");
    REQUIRE(f.settle());
    CHECK(f.server().lostCalls == 1);
}

TEST_CASE("HttpClient: a bad URL gives an already failed Deferred with std::invalid_argument") {
    Fixture f;
    auto got = watch(httpGet(f.reactor, "https://127.0.0.1/"));
    REQUIRE(got->fired);
    CHECK(got->failureType() == "std::invalid_argument");
    CHECK(got->failureMessage() == "URL 'https://127.0.0.1/': only http:// URLs are supported");
}

TEST_CASE("HttpClient: a header value with a line break is refused, not sent") {
    Fixture f;
    HttpClientOptions options;
    options.headers.add("X-Evil", "a\r\nHost: elsewhere");
    auto got = watch(httpGet(f.reactor, f.url("/"), options));
    REQUIRE(got->fired);
    CHECK(got->failureType() == "std::invalid_argument");
    CHECK(f.factory->built.empty());
}

TEST_CASE("parseUrl: host, port and target, with defaults") {
    Url url = parseUrl("http://127.0.0.1:8080/items/3?x=1#top");
    CHECK(url.host == "127.0.0.1");
    CHECK(url.port == 8080);
    CHECK(url.target == "/items/3?x=1");
    Url plain = parseUrl("HTTP://localhost");
    CHECK(plain.host == "127.0.0.1");
    CHECK(plain.port == 80);
    CHECK(plain.target == "/");
    CHECK(parseUrl("http://10.0.0.1?q").target == "/?q");
}

TEST_CASE("parseUrl: refuses what it cannot connect to, saying why") {
    auto reason = [](const char* url) {
        try {
            parseUrl(url);
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("(accepted)");
    };
    CHECK(reason("ftp://127.0.0.1/") == "URL 'ftp://127.0.0.1/': only http:// URLs are supported");
    CHECK(reason("http://:80/") == "URL 'http://:80/': the host is missing");
    CHECK(reason("http://example.com/") == "URL 'http://example.com/': the host must be an IPv4 address like 127.0.0.1 (names are not resolved)");
    CHECK(reason("http://127.0.0.1:0/") == "URL 'http://127.0.0.1:0/': the port '0' is not a number from 1 to 65535");
    CHECK(reason("http://127.0.0.1:99999/") == "URL 'http://127.0.0.1:99999/': the port '99999' is not a number from 1 to 65535");
    CHECK(reason("http://127.0.0.256/") == "URL 'http://127.0.0.256/': the host must be an IPv4 address like 127.0.0.1 (names are not resolved)");
    CHECK(reason("http://127.0.0.1/a b") == "URL 'http://127.0.0.1/a b': the path has a space or a control character in it");
}
