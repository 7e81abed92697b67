// Server-Sent Events: the wire format, one broadcast reaching every open stream, keep-alive
// comments on a ManualClock, and clients forgotten when they disconnect.
#include <catch2/catch.hpp>

#include "http/sse.h"
#include "http_test_support.h"

using namespace lab;
using namespace lab::http;
using namespace std::chrono_literals;

namespace {

// Several connections to one broadcaster, on one reactor.
struct Audience {
    explicit Audience(int n, Duration keepAlive = 15s) : events(reactor, keepAlive) {
        for (int i = 0; i < n; ++i) {
            auto transport = std::make_unique<test::StringTransport>();
            HttpServerOptions options;
            options.date = [] { return std::string(test::kTestDate); };
            auto channel = std::make_shared<HttpChannel>(reactor, [this](Request& r) -> RequestResult { return events.subscribe(r); },
                                                         options);
            channel->makeConnection(*transport);
            channel->dataReceived("GET /events HTTP/1.1\r\nAccept: text/event-stream\r\n\r\n");
            transports.push_back(std::move(transport));
            channels.push_back(channel);
        }
    }
    // What client i received after the response head.
    std::string stream(std::size_t i) const {
        const std::string& all = transports[i]->value();
        return all.substr(all.find("\r\n\r\n") + 4);
    }

    ManualClock clock;
    MemorySink trace;
    Reactor reactor{{"select", &clock, &trace, "sse-test"}};
    EventBroadcaster events;
    std::vector<std::unique_ptr<test::StringTransport>> transports;
    std::vector<std::shared_ptr<HttpChannel>> channels;
};

}  // namespace

TEST_CASE("formatEvent: event, id and one data line per line of the data") {
    CHECK(formatEvent("hello") == "data: hello\n\n");
    CHECK(formatEvent("a\nb\r\nc", "message", "7") == "event: message\nid: 7\ndata: a\ndata: b\ndata: c\n\n");
    CHECK(formatEvent("") == "data: \n\n");
}

TEST_CASE("EventBroadcaster: a subscriber gets a text/event-stream head with no length, and stays open") {
    Audience a(1);
    auto head = test::responsesIn(a.transports[0]->value());
    REQUIRE(head.size() == 1);
    CHECK(head[0].status == 200);
    CHECK(head[0].headers.get("Content-Type") == "text/event-stream");
    CHECK(head[0].headers.get("Cache-Control") == "no-cache");
    CHECK_FALSE(head[0].headers.has("Content-Length"));
    CHECK(a.stream(0).starts_with("retry: 2000\n"));
    CHECK_FALSE(a.transports[0]->disconnecting());
    CHECK(a.events.clientCount() == 1);
}

TEST_CASE("EventBroadcaster: one broadcast reaches every client, traced once") {
    Audience a(3);
    CHECK(a.events.broadcast("{\"text\":\"hi\"}", "message") == 3);
    for (std::size_t i = 0; i < 3; ++i) CHECK(a.stream(i).ends_with("event: message\nid: 1\ndata: {\"text\":\"hi\"}\n\n"));
    auto traced = a.trace.ofKind(kind::sseBroadcast);
    REQUIRE(traced.size() == 1);
    CHECK(traced[0]["clients"] == 3);
    CHECK(traced[0]["event"] == 1);
    CHECK(a.events.eventsSent() == 1);
}

TEST_CASE("EventBroadcaster: a client that disconnects is forgotten; the others still get events") {
    Audience a(3);
    a.channels[1]->connectionLost(std::make_exception_ptr(ConnectionDone("closed tab")));
    CHECK(a.events.clientCount() == 2);
    CHECK(a.events.broadcast("after") == 2);
    CHECK(a.stream(0).ends_with("data: after\n\n"));
    CHECK(a.stream(1).find("after") == std::string::npos);
    CHECK(a.stream(2).ends_with("data: after\n\n"));
}

TEST_CASE("EventBroadcaster: keep-alive comments go out every interval while anyone listens, then stop") {
    Audience a(2, 5s);
    a.reactor.runOnce();  // nothing due yet: the clock jumps to 5s
    CHECK(a.stream(0).find("keep-alive") == std::string::npos);
    a.reactor.runOnce();  // the keep-alive fires
    CHECK(a.stream(0).ends_with(": keep-alive\n\n"));
    CHECK(a.stream(1).ends_with(": keep-alive\n\n"));
    CHECK(a.reactor.pendingTimers() == 1);  // the next one
    for (auto& channel : a.channels) channel->connectionLost(std::make_exception_ptr(ConnectionDone("bye")));
    CHECK(a.events.clientCount() == 0);
    CHECK(a.reactor.pendingTimers() == 0);
}

TEST_CASE("EventBroadcaster: a stream ends the connection when finished, and pipelined requests behind it are dropped") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    std::shared_ptr<ResponseStream> kept;
    test::StringTransport transport;
    auto channel = std::make_shared<HttpChannel>(reactor, [&](Request&) -> RequestResult {
        Response r;
        r.stream = [&](std::shared_ptr<ResponseStream> s) { kept = s; };
        return r;
    }, HttpServerOptions{});
    channel->makeConnection(transport);
    channel->dataReceived("GET /s HTTP/1.1\r\n\r\nGET /t HTTP/1.1\r\n\r\n");
    REQUIRE(kept);
    bool closed = false;
    kept->notifyClosed([&] { closed = true; });
    kept->write("part");
    kept->finish();
    CHECK(closed);
    CHECK_FALSE(kept->open());
    CHECK(transport.disconnecting());
    CHECK(transport.value().ends_with("\r\n\r\npart"));
    CHECK(transport.value().find("/t") == std::string::npos);
}
