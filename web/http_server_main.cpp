// http-server: the HTTP chapters' server as a standalone program, for curl, browsers and wrk.
//
//   build/bin/http-server --port N [--backend select|poll|epoll] [--trace FILE] [--idle-timeout SECONDS]
//
// Serves the chat page at /, its event stream at /events, POST /messages and the REST
// collection at /items (web/web_app.h) on 127.0.0.1. Prints "port N" (the real one, useful with
// --port 0) and serves until SIGINT or SIGTERM (Reactor::installSignalHandlers), then closes the
// port and flushes the trace, whose last line is always whole. Bad flags: usage, exit 2.
// --idle-timeout (default 60) is how long a connection may sit idle or mid-request; the
// real-client tests shorten it to see 408s and idle closes without waiting a minute.
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include "core/reactor.h"
#include "open_file_limit.h"
#include "trace/json_lines_sink.h"
#include "transport/tcp.h"
#include "web_app.h"

namespace {

// Room for a load test's few hundred connections plus stdio, the port and the waker.
constexpr rlim_t kFilesNeeded = 512;

[[noreturn]] void usage(const std::string& why) {
    std::cerr << "http-server: " << why << "\n"
              << "usage: http-server --port N [--backend select|poll|epoll] [--trace FILE] [--idle-timeout SECONDS]\n";
    std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
    int port = -1;
    std::string backend = "poll";
    std::string trace;
    long idleSeconds = 60;
    for (int i = 1; i < argc; ++i) {
        std::string flag = argv[i];
        if (flag != "--port" && flag != "--backend" && flag != "--trace" && flag != "--idle-timeout") usage("unknown argument '" + flag + "'");
        if (i + 1 >= argc) usage(flag + " needs a value");
        std::string value = argv[++i];
        if (flag == "--port") {
            char* end = nullptr;
            long n = std::strtol(value.c_str(), &end, 10);
            if (value.empty() || *end != '\0' || n < 0 || n > 65535) usage("--port needs a number 0..65535, not '" + value + "'");
            port = static_cast<int>(n);
        } else if (flag == "--backend") {
            if (value != "select" && value != "poll" && value != "epoll")
                usage("unknown backend '" + value + "' (known: select, poll, epoll)");
            backend = value;
        } else if (flag == "--idle-timeout") {
            char* end = nullptr;
            idleSeconds = std::strtol(value.c_str(), &end, 10);
            if (value.empty() || *end != '\0' || idleSeconds < 1 || idleSeconds > 86400)
                usage("--idle-timeout needs a number of seconds 1..86400, not '" + value + "'");
        } else {
            if (value.empty()) usage("--trace needs a file name");
            trace = value;
        }
    }
    if (port < 0) usage("--port is required (0 picks a free one)");
    try {
        lab::tools::raiseOpenFileLimit(kFilesNeeded);
        std::unique_ptr<lab::JsonLinesSink> sink;
        if (!trace.empty()) sink = std::make_unique<lab::JsonLinesSink>(trace);
        lab::Reactor reactor({backend, nullptr, sink.get(), "http-server"});
        reactor.installSignalHandlers();
        lab::web::WebApp app(reactor);
        lab::http::HttpServerOptions options;
        options.idleTimeout = std::chrono::seconds(idleSeconds);
        auto factory = std::make_shared<lab::http::HttpFactory>(reactor, app.handler(), options);
        auto listening = lab::listenTCP(reactor, port, factory, "127.0.0.1");
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
