// The frame of lesson 09, shared by its program, its exercise and the solution: an SSE server
// (GET /events, an EventBroadcaster), three EventSource clients (alice, bob, carol) in the same
// program, broadcasts at 1 s and 2 s, hang-up at 3 s. The caller may schedule more in between.
// Read: lessons/09-real-time/lesson.md.
#pragma once

#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "core/reactor.h"
#include "http/http_server.h"
#include "http/router.h"
#include "http/sse.h"
#include "lesson_main.h"
#include "transport/tcp.h"

namespace sselesson {

using namespace std::chrono_literals;
namespace http = lab::http;

// A browser's EventSource, reduced to its core: send the request, then print every "data:"
// line as the stream delivers it. No parser library: an event ends at a blank line.
class EventSourceClient : public lab::Protocol {
public:
    explicit EventSourceClient(std::string name) : name_(std::move(name)) {}
    void connectionMade() override {
        transport->write("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n");
    }
    void dataReceived(std::string_view data) override {
        pending_.append(data);
        for (std::size_t end; (end = pending_.find('\n')) != std::string::npos; pending_.erase(0, end + 1)) {
            std::string_view line(pending_.data(), end);
            if (line.rfind("data: ", 0) == 0) std::cout << "  " << name_ << " got: " << line.substr(6) << "\n";
        }
    }

private:
    std::string name_;
    std::string pending_;  // bytes after the last complete line
};

class EventSourceFactory : public lab::ClientFactory {
public:
    explicit EventSourceFactory(std::string name) : name_(std::move(name)) {}
    std::shared_ptr<lab::Protocol> buildProtocol(const lab::Address&) override {
        return std::make_shared<EventSourceClient>(name_);
    }

private:
    std::string name_;
};

// The clients' connectors, in the order alice, bob, carol.
using Clients = std::vector<std::unique_ptr<lab::Connector>>;

// The whole run: parse the lesson flags, serve GET /events, connect the three clients, broadcast
// at 1 s and 2 s, hang up at 3 s. `more` schedules anything else before the loop starts.
// Returns main's exit code.
inline int runBroadcasts(int argc, char** argv, const std::string& program,
                         const std::function<void(lab::Reactor&, Clients&)>& more) {
    return lesson::withLessonReactor(argc, argv, program, [&](lab::Reactor& reactor, lab::ManualClock&, const lesson::Args&) {

        {
            // Everything that may write to the trace goes before the sink is closed.
            http::EventBroadcaster events(reactor);
            http::Router router;
            router.add("GET", "/events", [&events](http::Request& request) -> http::RequestResult {
                return events.subscribe(request);
            });
            http::HttpServerOptions options;
            options.date = [] { return std::string("Thu, 01 Jan 2026 00:00:00 GMT"); };  // the real date would change the trace
            auto port = lab::listenTCP(reactor, 0, std::make_shared<http::HttpFactory>(reactor, router.handler(), options));

            Clients clients;
            for (const char* name : {"alice", "bob", "carol"}) {
                clients.push_back(lab::connectTCP(reactor, "127.0.0.1", port->getHost().port, std::make_shared<EventSourceFactory>(name)));
            }
            reactor.callLater(1s, [&] {
                std::cout << "server: broadcast to " << events.broadcast("the kettle is on") << " clients\n";
            });
            reactor.callLater(2s, [&] {
                std::cout << "server: broadcast to " << events.broadcast("tea is ready") << " clients\n";
            });
            reactor.callLater(3s, [&] {
                for (auto& client : clients) client->disconnect();
                reactor.callLater(10ms, [&] { reactor.stop(); });
            });
            more(reactor, clients);
            reactor.run();
        }
    });
}

}  // namespace sselesson
