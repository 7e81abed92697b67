// The frame of lesson 08, shared by its program, its exercise and the solution: an HTTP server
// on a free port with the routes the caller adds, and a client in the same program that GETs
// each path in turn, prints each answer, and stops the loop after the last one.
// Read: lessons/08-http-server/lesson.md.
#pragma once

#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "core/reactor.h"
#include "deferred/deferred_tracing.h"
#include "http/http_client.h"
#include "http/http_server.h"
#include "http/router.h"
#include "lesson_main.h"
#include "transport/tcp.h"

namespace httplesson {

using namespace std::chrono_literals;
namespace http = lab::http;

// The client: GET paths[next], print the answer, then the next; stop 10 ms after the last.
inline void getEach(lab::Reactor& reactor, const std::string& base, std::vector<std::string> paths, std::size_t next = 0) {
    if (next == paths.size()) {
        reactor.callLater(10ms, [&reactor] { reactor.stop(); });
        return;
    }
    std::string path = paths[next];
    lab::Deferred call = http::httpGet(reactor, base + path);
    call.addCallback([&reactor, base, paths, next](const lab::Value& response) {
        std::cout << "  GET " << paths[next] << " -> " << response["status"] << " " << response["body"].get<std::string>() << "\n";
        getEach(reactor, base, paths, next + 1);
    }, "print the answer");
}

// The whole run: parse the lesson flags, serve the routes `addRoutes` adds, GET each of `paths`.
// Returns main's exit code.
inline int serveAndGet(int argc, char** argv, const std::string& program,
                       const std::function<void(http::Router&, lab::Reactor&)>& addRoutes,
                       const std::vector<std::string>& paths, http::HttpServerOptions options = {}) {
    return lesson::withLessonReactor(argc, argv, program, [&](lab::Reactor& reactor, lab::ManualClock&, const lesson::Args&) {
        {
            lab::DeferredTracing tracing(reactor.tracer());
            http::Router router;
            addRoutes(router, reactor);
            options.date = [] { return std::string("Thu, 01 Jan 2026 00:00:00 GMT"); };  // the real date would change the trace
            auto port = lab::listenTCP(reactor, 0, std::make_shared<http::HttpFactory>(reactor, router.handler(), options));
            getEach(reactor, "http://127.0.0.1:" + std::to_string(port->getHost().port), paths);
            reactor.run();
        }
    });
}

}  // namespace httplesson
