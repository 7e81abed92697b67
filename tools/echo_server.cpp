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
#include "server_flags.h"
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
    lab::tools::ServerFlags flags = lab::tools::parseServerFlags(argc, argv, "select", usage);
    try {
        lab::tools::raiseOpenFileLimit(kFilesNeeded);
        std::unique_ptr<lab::JsonLinesSink> sink;
        if (!flags.trace.empty()) sink = std::make_unique<lab::JsonLinesSink>(flags.trace);
        lab::Reactor reactor({flags.backend, nullptr, sink.get(), "echo-server"});
        reactor.installSignalHandlers();
        auto listening = lab::listenTCP(reactor, flags.port, std::make_shared<EchoFactory>(), "127.0.0.1");
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
