// echo-server: the lesson 03 echo server as a standalone program, for nc and for echo-load.
//
//   build/bin/echo-server --port N [--backend select|poll|epoll] [--trace FILE]
//
// Prints "port N" (the real one, useful with --port 0) and serves until SIGINT or SIGTERM, then
// stops the loop, closes the port and flushes the trace, whose last line is always whole.
// Signals reach the loop through Reactor::installSignalHandlers(): the handler only notes the
// signal and writes one byte to the reactor's Waker (nothing else is safe in a signal handler);
// the loop then calls stop() on its own thread (reactor/core/signal_handlers.h).
// It raises its open-file limit at start so it can serve echo-load's 1,000 connections
// (open_file_limit.h); use --backend poll for those, select stops at FD_SETSIZE.
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include "core/reactor.h"
#include "open_file_limit.h"
#include "trace/json_lines_sink.h"
#include "transport/tcp.h"

namespace {

// Room for echo-load's 1,000 connections, plus stdio, the port, its spare fd and the Waker's pipe.
constexpr rlim_t kFilesNeeded = 1000 + 32;

class EchoProtocol : public lab::Protocol {
public:
    void dataReceived(std::string_view data) override { transport->write(data); }
};

class EchoFactory : public lab::Factory {
public:
    std::shared_ptr<lab::Protocol> buildProtocol(const lab::Address&) override { return std::make_shared<EchoProtocol>(); }
};

[[noreturn]] void usage(const std::string& why) {
    std::cerr << "echo-server: " << why << "\n"
              << "usage: echo-server --port N [--backend select|poll|epoll] [--trace FILE]\n";
    std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
    int port = -1;
    std::string backend = "select";
    std::string trace;
    for (int i = 1; i < argc; ++i) {
        std::string flag = argv[i];
        if (flag != "--port" && flag != "--backend" && flag != "--trace") usage("unknown argument '" + flag + "'");
        if (i + 1 >= argc) usage(flag + " needs a value");
        std::string value = argv[++i];
        if (flag == "--port") {
            char* end = nullptr;
            long n = std::strtol(value.c_str(), &end, 10);
            if (*end != '\0' || n < 0 || n > 65535) usage("--port needs a number 0..65535");
            port = static_cast<int>(n);
        } else if (flag == "--backend") {
            if (value != "select" && value != "poll" && value != "epoll") {
                usage("unknown backend '" + value + "' (known: select, poll, epoll)");
            }
            backend = value;
        } else {
            trace = value;
        }
    }
    if (port < 0) usage("--port is required (0 picks a free one)");
    try {
        lab::tools::raiseOpenFileLimit(kFilesNeeded);
        std::unique_ptr<lab::JsonLinesSink> sink;
        if (!trace.empty()) sink = std::make_unique<lab::JsonLinesSink>(trace);
        lab::Reactor reactor({backend, nullptr, sink.get(), "echo-server"});
        reactor.installSignalHandlers();
        auto listening = lab::listenTCP(reactor, port, std::make_shared<EchoFactory>(), "127.0.0.1");
        std::cout << "port " << listening->getHost().port << std::endl;
        reactor.run();
        listening.reset();
        if (sink) sink->close();
        std::cerr << "echo-server: stopped\n";
    } catch (const std::exception& e) {
        std::cerr << "echo-server: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
