// What the two thread-per-connection baselines (threaded-echo-server, threaded-http-server)
// share: their flags, a blocking listening socket on 127.0.0.1, and the stop signal. The signal
// handler only shuts the listening socket down (shutdown() is async-signal-safe), which wakes the
// accept() main is blocked in; main then stops, as each server's own comment explains.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <string>

namespace lab::tools::blocking {

struct Args {
    int port = -1;
    std::string trace;  // empty: no trace
};

// `program --port N [--trace FILE]`; anything else: a message, the usage line, exit 2.
inline Args parseArgs(int argc, char** argv, const std::string& program) {
    auto usage = [&](const std::string& why) {
        std::cerr << program << ": " << why << "\n"
                  << "usage: " << program << " --port N [--trace FILE]\n";
        std::exit(2);
    };
    Args args;
    for (int i = 1; i < argc; ++i) {
        std::string flag = argv[i];
        if (flag != "--port" && flag != "--trace") usage("unknown argument '" + flag + "'");
        if (i + 1 >= argc) usage(flag + " needs a value");
        std::string value = argv[++i];
        if (flag == "--port") {
            char* end = nullptr;
            long n = std::strtol(value.c_str(), &end, 10);
            if (value.empty() || *end != '\0' || n < 0 || n > 65535) usage("--port needs a number 0..65535");
            args.port = static_cast<int>(n);
        } else {
            args.trace = value;
        }
    }
    if (args.port < 0) usage("--port is required (0 picks a free one)");
    return args;
}

inline int openListeningSocket(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::runtime_error(std::string("socket() failed: ") + std::strerror(errno));
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd, SOMAXCONN) != 0) {
        std::string why = std::strerror(errno);
        ::close(fd);
        throw std::runtime_error("cannot listen on 127.0.0.1:" + std::to_string(port) + ": " + why);
    }
    return fd;
}

// The port the kernel bound (the real one, with --port 0).
inline int boundPort(int fd) {
    sockaddr_in address{};
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    return ntohs(address.sin_port);
}

inline int listenFd = -1;
inline std::atomic<bool> stopping{false};

inline void onStopSignal(int) {
    int saved = errno;
    stopping = true;
    ::shutdown(listenFd, SHUT_RDWR);  // wakes the accept() main is blocked in
    errno = saved;
}

// SIGINT and SIGTERM stop the server; SA_RESTART so other blocking calls carry on.
inline void stopOnSignals() {
    struct sigaction action {};
    action.sa_handler = onStopSignal;
    action.sa_flags = SA_RESTART;
    ::sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

}  // namespace lab::tools::blocking
