// Test support for the HTTP tests: an HttpChannel on a StringTransport with a ManualClock and a
// memory trace, and a reader that splits what the channel wrote back into responses.
#pragma once

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "core/reactor.h"
#include "http/http_server.h"
#include "support/string_transport.h"
#include "trace/memory_sink.h"

namespace lab::test {

struct WrittenResponse {
    int status = 0;
    http::Headers headers;
    std::string body;
};

// Split the bytes a server wrote into responses. Bodies are framed by Content-Length; `head`
// says the responses answered HEAD requests (a length but no body). A stream (no length) takes
// the rest.
inline std::vector<WrittenResponse> responsesIn(std::string_view wire, bool head = false) {
    std::vector<WrittenResponse> out;
    while (!wire.empty()) {
        std::size_t end = wire.find("\r\n\r\n");
        REQUIRE(end != std::string_view::npos);
        std::string_view top = wire.substr(0, end);
        wire.remove_prefix(end + 4);
        WrittenResponse r;
        std::size_t lineEnd = top.find("\r\n");
        std::string_view statusLine = top.substr(0, lineEnd);
        REQUIRE(statusLine.substr(0, 9) == "HTTP/1.1 ");
        r.status = std::stoi(std::string(statusLine.substr(9, 3)));
        while (lineEnd != std::string_view::npos) {
            top.remove_prefix(lineEnd + 2);
            lineEnd = top.find("\r\n");
            std::string_view line = top.substr(0, lineEnd);
            std::size_t colon = line.find(": ");
            REQUIRE(colon != std::string_view::npos);
            r.headers.add(std::string(line.substr(0, colon)), std::string(line.substr(colon + 2)));
        }
        if (auto length = r.headers.get("Content-Length")) {
            std::size_t n = head ? 0 : std::stoul(*length);
            REQUIRE(wire.size() >= n);
            r.body = wire.substr(0, n);
            wire.remove_prefix(n);
        } else {
            r.body = wire;
            wire = {};
        }
        out.push_back(std::move(r));
    }
    return out;
}

inline constexpr const char* kTestDate = "Thu, 01 Jan 2026 00:00:00 GMT";

// One server connection, driven by hand: send() is the client's bytes arriving.
struct ServerConnection {
    explicit ServerConnection(http::RequestHandler handler, http::HttpServerOptions options = {}) {
        if (!options.date) options.date = [] { return std::string(kTestDate); };
        channel = std::make_shared<http::HttpChannel>(reactor, std::move(handler), std::move(options));
        channel->makeConnection(transport);
    }
    void send(std::string_view bytes) { channel->dataReceived(bytes); }
    std::vector<WrittenResponse> responses(bool head = false) const { return responsesIn(transport.value(), head); }
    // Under a ManualClock one runOnce() runs what is due and jumps to the next timer.
    void runTurns(int turns) {
        for (int i = 0; i < turns; ++i) reactor.runOnce();
    }

    ManualClock clock;
    MemorySink trace;
    Reactor reactor{{"select", &clock, &trace, "http-test"}};
    StringTransport transport;
    std::shared_ptr<http::HttpChannel> channel;
};

}  // namespace lab::test
