// http-server: the HTTP chapters' server as a standalone program, for curl, browsers and wrk.
//
//   build/bin/http-server --port N [--backend select|poll|epoll] [--trace FILE]
//                         [--idle-timeout S] [--header-timeout S] [--body-timeout S]
//
// Serves the chat page at /, its event stream at /events, POST /messages and the REST
// collection at /items (web/web_app.h) on 127.0.0.1. Prints "port N" (the real one, useful with
// --port 0) and serves until SIGINT or SIGTERM (Reactor::installSignalHandlers), then closes the
// port and flushes the trace, whose last line is always whole. Bad flags: usage, exit 2.
// The deadlines (reactor/http/http_server.h, lesson 08): --idle-timeout (default 60) between
// requests, --header-timeout (20) from a request's first byte to its header's end, --body-timeout
// (20) the longest pause inside a body; the real-client tests shorten them to see 408s and idle
// closes without waiting.
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include "core/reactor.h"
#include "open_file_limit.h"
#include "server_flags.h"
#include "trace/json_lines_sink.h"
#include "transport/tcp.h"
#include "web_app.h"

namespace {

// Room for a load test's few hundred connections plus stdio, the port and the waker.
constexpr rlim_t kFilesNeeded = 512;

[[noreturn]] void usage(const std::string& why) {
    std::cerr << "http-server: " << why << "\n"
              << "usage: http-server --port N [--backend select|poll|epoll] [--trace FILE]\n"
              << "                   [--idle-timeout S] [--header-timeout S] [--body-timeout S]   (seconds, 1..86400)\n";
    std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
    lab::http::HttpServerOptions options;
    auto seconds = [](const std::string& flag, const std::string& value) {
        return std::chrono::seconds(lab::tools::flagNumber(flag, value, 1, 86400, "a number of seconds", usage));
    };
    lab::tools::ServerFlags flags = lab::tools::parseServerFlags(
        argc, argv, "poll", usage, [&](const std::string& flag, const std::string& value) {
            if (flag == "--idle-timeout") options.idleTimeout = seconds(flag, value);
            else if (flag == "--header-timeout") options.headerTimeout = seconds(flag, value);
            else if (flag == "--body-timeout") options.bodyTimeout = seconds(flag, value);
            else return false;
            return true;
        });
    try {
        lab::tools::raiseOpenFileLimit(kFilesNeeded);
        std::unique_ptr<lab::JsonLinesSink> sink;
        if (!flags.trace.empty()) sink = std::make_unique<lab::JsonLinesSink>(flags.trace);
        lab::Reactor reactor({flags.backend, nullptr, sink.get(), "http-server"});
        reactor.installSignalHandlers();
        lab::web::WebApp app(reactor);
        auto factory = std::make_shared<lab::http::HttpFactory>(reactor, app.handler(), options);
        auto listening = lab::listenTCP(reactor, flags.port, factory, "127.0.0.1");
        std::cout << "port " << listening->getHost().port << std::endl;
        reactor.run();
        listening.reset();
        if (sink) sink->close();
        std::cerr << "http-server: stopped\n";
    } catch (const std::exception& e) {
        std::cerr << "http-server: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
