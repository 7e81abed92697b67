// acceptLoop: the main thread of both thread-per-connection baselines (threaded-echo-server,
// threaded-http-server): accept, start the connection's own thread, accept again, until the stop
// signal (blocking_server.h) shuts the listening socket down. The connection's thread starts with
// SIGINT and SIGTERM blocked, so those signals reach main's handler. This is the loop lesson 04
// sets beside the reactor: one blocked thread per connection, traced as thread_blocked/woke.
#pragma once

#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>
#include <string>
#include <system_error>
#include <thread>

#include "blocking_server.h"
#include "connection_registry.h"
#include "locked_tracer.h"

namespace lab::tools::blocking {

// `serve(thread, fd)` runs on the connection's own thread; `program` names the server in messages.
template <class Serve>
void acceptLoop(LockedTracer& tracer, ConnectionRegistry& registry, const std::string& program, Serve serve) {
    int nextThread = 2;  // thread 1 is main
    while (!stopping) {
        tracer.emit(kind::threadBlocked, {{"thread", 1}, {"call", "accept"}, {"fd", listenFd}});
        int fd = ::accept4(listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) {
            if (stopping) break;
            if (errno == EINTR || errno == ECONNABORTED) continue;
            // Out of descriptors (EMFILE, ENFILE) or memory: say so, and pause before trying again
            // instead of spinning on the same error (the reactor's ListeningPort does better).
            std::cerr << program << ": accept failed: " << std::strerror(errno) << "\n";
            tracer.emit(kind::threadWoke, {{"thread", 1}, {"call", "accept"}, {"fd", -1}, {"bytes", 0}});
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            continue;
        }
        tracer.emit(kind::threadWoke, {{"thread", 1}, {"call", "accept"}, {"fd", fd}, {"bytes", 0}});
        int thread = nextThread++;
        registry.add(thread, fd);
        sigset_t blocked, previous;
        ::sigemptyset(&blocked);
        ::sigaddset(&blocked, SIGINT);
        ::sigaddset(&blocked, SIGTERM);
        ::pthread_sigmask(SIG_BLOCK, &blocked, &previous);
        try {
            std::thread(serve, thread, fd).detach();
        } catch (const std::system_error& e) {
            // Too many threads (EAGAIN): this is where a thread per connection runs out.
            std::cerr << program << ": cannot start a thread for connection " << thread - 1 << ": " << e.what() << "\n";
            registry.remove(thread);
        }
        ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    }
}

}  // namespace lab::tools::blocking
