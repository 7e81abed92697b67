// threaded-echo-server: the echo server written the other way, one blocking thread per
// connection, as the baseline lesson 04 measures the reactor against.
//
//   build/bin/threaded-echo-server --port N [--trace FILE]
//
// The main thread blocks in accept(); each accepted connection gets a std::thread that loops
// read() -> write() everything back, blocking in both, and ends on end-of-file or an error. No
// reactor, no readiness, no buffers: the kernel parks each thread until its call can finish.
// The price is a thread (a stack, a kernel task) per connection; bench/echo_bench.cpp measures it.
// Prints "port N" (the real one, useful with --port 0) and serves until SIGINT or SIGTERM. The
// signal handler only shuts the listening socket down (shutdown() is async-signal-safe), which
// wakes accept(); main then shuts every connection down, waits for their threads and closes the
// trace, whose last line is always whole. Tested by tests/tools/threaded_echo_smoke.sh.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <thread>

#include "accept_loop.h"
#include "blocking_server.h"
#include "connection_registry.h"
#include "locked_tracer.h"
#include "open_file_limit.h"

namespace {

using lab::tools::LockedTracer;
using namespace lab::tools::blocking;
namespace kind = lab::kind;

// Room for echo-load's 1,000 connections, plus stdio and the listening socket.
constexpr rlim_t kFilesNeeded = 1000 + 32;

// One connection's whole life, on its own thread: read, write it all back, until EOF or error.
void serveConnection(LockedTracer& tracer, lab::tools::ConnectionRegistry& registry, int thread, int fd) {
    tracer.emit(kind::threadStarted, {{"thread", thread}, {"name", "connection " + std::to_string(thread - 1)}});
    std::string reason = "end of file: the client closed";
    char buffer[16 * 1024];
    for (;;) {
        tracer.emit(kind::threadBlocked, {{"thread", thread}, {"call", "read"}, {"fd", fd}});
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;  // a signal interrupted the wait: wait again
        tracer.emit(kind::threadWoke, {{"thread", thread}, {"call", "read"}, {"fd", fd}, {"bytes", n}});
        if (n < 0) reason = std::string("read failed: ") + std::strerror(errno);
        if (n <= 0) break;
        // write() may take only part of the buffer when the socket's send buffer is full: block
        // again for the rest. This is the flow control the reactor needs a write buffer for.
        ssize_t sent = 0;
        while (sent < n) {
            tracer.emit(kind::threadBlocked, {{"thread", thread}, {"call", "write"}, {"fd", fd}});
            ssize_t m = ::write(fd, buffer + sent, static_cast<std::size_t>(n - sent));
            if (m < 0 && errno == EINTR) continue;
            tracer.emit(kind::threadWoke, {{"thread", thread}, {"call", "write"}, {"fd", fd}, {"bytes", m}});
            if (m < 0) break;
            sent += m;
        }
        if (sent < n) {
            reason = std::string("write failed: ") + std::strerror(errno);
            break;
        }
    }
    if (stopping) reason = "server stopping";
    tracer.emit(kind::threadExited, {{"thread", thread}, {"reason", reason}});
    registry.remove(thread);  // closes fd
}

}  // namespace

int main(int argc, char** argv) {
    Args args = parseArgs(argc, argv, "threaded-echo-server");
    try {
        lab::tools::raiseOpenFileLimit(kFilesNeeded);
        // A client that closes while we write would raise SIGPIPE and kill the whole process;
        // ignored, write() fails with EPIPE instead and only that connection's thread ends.
        ::signal(SIGPIPE, SIG_IGN);
        LockedTracer tracer(args.trace, lab::TraceHeader{"threaded-echo-server", "threads", "system"});
        listenFd = openListeningSocket(args.port);
        stopOnSignals();
        tracer.emit(kind::threadStarted, {{"thread", 1}, {"name", "main"}});
        std::cout << "port " << boundPort(listenFd) << std::endl;

        lab::tools::ConnectionRegistry registry;
        acceptLoop(tracer, registry, "threaded-echo-server",
                   [&](int thread, int fd) { serveConnection(tracer, registry, thread, fd); });
        // Wake every connection thread blocked in read() (it sees end of file) and wait for all.
        registry.shutdownAll();
        registry.waitUntilEmpty();
        ::close(listenFd);
        tracer.emit(kind::threadExited, {{"thread", 1}, {"reason", "stopped by signal"}});
        tracer.close();
        std::cerr << "threaded-echo-server: stopped\n";
    } catch (const std::exception& e) {
        std::cerr << "threaded-echo-server: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
