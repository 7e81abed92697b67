// 10,000 idle connections on poll and epoll, then every one of them served. The clients live in
// a child process: one process holding both ends would need 20,000+ descriptors, and the hard
// RLIMIT_NOFILE here is 20,000. A socketpair paces the two: the child connects in batches the
// accept queue can hold, so no SYN is dropped (the kernel retries one only after a second), and
// on "go" sends "ping" on each connection and reads each echo. The test raises the port's listen
// backlog from Twisted's 50 to 4,096 (listen() again on the same socket) so that 10,000
// connections take a few batches, not 250 round trips between the processes.
// While the connections are idle, every turn must find nothing ready: under a ManualClock a
// turn with nothing ready jumps logical time to the next timer, so ten idle turns with a 1 s
// timer each move the clock by exactly 10 s.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "support/run_until.h"
#include "support/recording_protocol.h"

using namespace lab;
using namespace lab::test;
using namespace std::chrono_literals;

namespace {

constexpr int kClients = 10000;
constexpr int kBackLog = 4096;  // the kernel's usual somaxconn: a larger value is cut to it
constexpr int kBatch = 2000;    // well below kBackLog

// The child: plain blocking sockets and raw system calls only. Exit 0 when every echo came back.
int runClients(int port, int control) {
    std::vector<int> fds;
    fds.reserve(kClients);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    char byte = 0;
    while (static_cast<int>(fds.size()) < kClients) {
        for (int i = 0; i < kBatch && static_cast<int>(fds.size()) < kClients; ++i) {
            int fd = ::socket(AF_INET, SOCK_STREAM, 0);
            if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) return 2;
            fds.push_back(fd);
        }
        if (::read(control, &byte, 1) != 1) return 3;  // the server accepted this batch
    }
    if (::read(control, &byte, 1) != 1 || byte != 'g') return 4;  // idle until "go"
    for (int fd : fds) {
        if (::send(fd, "ping", 4, MSG_NOSIGNAL) != 4) return 5;
    }
    for (int fd : fds) {
        char echo[4];
        std::size_t got = 0;
        while (got < sizeof echo) {
            ssize_t n = ::recv(fd, echo + got, sizeof echo - got, 0);
            if (n <= 0) return 6;
            got += static_cast<std::size_t>(n);
        }
        if (std::string_view(echo, 4) != "ping") return 7;
        ::close(fd);
    }
    return 0;
}

// The parent's end of the socketpair, watched by the loop so a turn wakes if the child dies.
struct Control : Handler {
    Reactor& reactor;
    int fd;
    bool ended = false;
    Control(Reactor& r, int f) : reactor(r), fd(f) { reactor.addReader(*this); }
    ~Control() override {
        if (!ended) reactor.removeReader(*this);
    }
    int fileno() const override { return fd; }
    void doRead() override {
        char bytes[64];
        if (::recv(fd, bytes, sizeof bytes, MSG_DONTWAIT) != 0) return;
        ended = true;
        reactor.removeReader(*this);
    }
    std::string logPrefix() const override { return "Control"; }
};

// Raises the soft descriptor limit for one test and puts it back, even when the test fails.
struct RaisedFileLimit {
    rlimit saved{};
    explicit RaisedFileLimit(rlim_t needed) {
        REQUIRE(::getrlimit(RLIMIT_NOFILE, &saved) == 0);
        if (saved.rlim_max < needed) {
            FAIL("this test needs " << needed << " open files per process; the hard limit (RLIMIT_NOFILE) is "
                                    << saved.rlim_max << ": raise it (ulimit -Hn as root, or limits.conf)");
        }
        rlimit raised{std::max(saved.rlim_cur, needed), saved.rlim_max};
        REQUIRE(::setrlimit(RLIMIT_NOFILE, &raised) == 0);
    }
    ~RaisedFileLimit() { ::setrlimit(RLIMIT_NOFILE, &saved); }
};

}  // namespace

TEST_CASE("Fault: 10,000 idle connections wake no handler, then all of them are served") {
    auto backend = GENERATE(as<std::string>{}, "poll", "epoll");
    RaisedFileLimit limit(kClients + 100);  // the child inherits it

    ManualClock clock;
    Reactor reactor({backend, &clock});
    auto factory = std::make_shared<RecordingFactory>();
    factory->configure = [](Recording& p) { p.echo = true; };
    auto port = listenTCP(reactor, 0, factory);
    REQUIRE(::listen(port->fileno(), kBackLog) == 0);
    int pair[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, pair) == 0);
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::close(pair[0]);
        ::_exit(runClients(port->getHost().port, pair[1]));
    }
    ::close(pair[1]);
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{pair[0]};  // declared before control, so closed after it is unregistered
    Control control(reactor, pair[0]);

    std::size_t acked = 0;
    auto ack = [&] {
        if (::send(pair[0], "a", 1, MSG_NOSIGNAL) == 1) acked += kBatch;
    };
    while (port->connectionCount() < static_cast<std::size_t>(kClients) && !control.ended) {
        reactor.runOnce();
        if (port->connectionCount() >= std::min<std::size_t>(acked + kBatch, kClients)) ack();
    }
    REQUIRE(port->connectionCount() == static_cast<std::size_t>(kClients));

    TimePoint before = reactor.now();
    for (int i = 0; i < 10; ++i) {
        reactor.callLater(1s, [] {});
        reactor.runOnce();
    }
    CHECK(reactor.now() - before == 10s);  // every idle turn found nothing ready
    std::size_t dataCalls = 0;
    for (const auto& protocol : factory->built) dataCalls += protocol->received.size();
    CHECK(dataCalls == 0);

    REQUIRE(::send(pair[0], "g", 1, MSG_NOSIGNAL) == 1);
    // Each connection ends when the child, having read its echo, closes it; if the child gave
    // up, its exit closes the rest: this wait cannot hang.
    CHECK(runUntil(reactor, [&] { return port->connectionCount() == 0; }, 1000000));
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);  // 2..7: where the child gave up (see runClients)
    CHECK(port->connectionCount() == 0);
    std::size_t pinged = 0;
    for (const auto& protocol : factory->built) pinged += protocol->received == "ping" ? 1 : 0;
    CHECK(pinged == static_cast<std::size_t>(kClients));
    CHECK(factory->built.size() == static_cast<std::size_t>(kClients));
}
