// One conformance suite, run against every backend: what wait() reports, and in what order.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/time.h>

#include <atomic>

#include "backends/epoll_backend.h"
#include "backends/poll_backend.h"
#include "backends/select_backend.h"
#include "core/errors.h"
#include "support/socket_pair.h"

using namespace lab;
using namespace lab::test;
using namespace std::chrono_literals;

TEMPLATE_TEST_CASE("Backend: a wait with nothing ready returns nothing", "[backend]", SelectBackend, PollBackend, EpollBackend) {
    TestType backend;
    SocketPair pair;
    backend.setInterest(pair.left, true, false);
    std::vector<Readiness> ready{Readiness{99, true, true, true}};
    backend.wait(Duration::zero(), ready);
    CHECK(ready.empty());  // and the stale entry was cleared
}

TEMPLATE_TEST_CASE("Backend: reports a readable descriptor once data arrives", "[backend]", SelectBackend, PollBackend, EpollBackend) {
    TestType backend;
    SocketPair pair;
    backend.setInterest(pair.left, true, false);
    SocketPair::send(pair.right, "ping");
    std::vector<Readiness> ready;
    backend.wait(1s, ready);
    REQUIRE(ready.size() == 1);
    CHECK(ready[0].fd == pair.left);
    CHECK(ready[0].readable);
    CHECK_FALSE(ready[0].writable);
}

TEMPLATE_TEST_CASE("Backend: reports writable only where writing was asked for", "[backend]", SelectBackend, PollBackend, EpollBackend) {
    TestType backend;
    SocketPair pair;
    backend.setInterest(pair.left, false, true);
    backend.setInterest(pair.right, true, false);  // nothing to read on this one
    std::vector<Readiness> ready;
    backend.wait(1s, ready);
    REQUIRE(ready.size() == 1);
    CHECK(ready[0].fd == pair.left);
    CHECK(ready[0].writable);
    CHECK_FALSE(ready[0].readable);
}

TEMPLATE_TEST_CASE("Backend: reports ready descriptors in ascending fd order", "[backend]", SelectBackend, PollBackend, EpollBackend) {
    TestType backend;
    SocketPair first;
    SocketPair second;
    // Register the higher fd first: the report must still ascend.
    backend.setInterest(second.left, false, true);
    backend.setInterest(first.left, false, true);
    std::vector<Readiness> ready;
    backend.wait(1s, ready);
    REQUIRE(ready.size() == 2);
    CHECK(ready[0].fd < ready[1].fd);
}

TEMPLATE_TEST_CASE("Backend: a forgotten descriptor is no longer reported", "[backend]", SelectBackend, PollBackend, EpollBackend) {
    TestType backend;
    SocketPair pair;
    backend.setInterest(pair.left, false, true);
    CHECK(backend.watchedCount() == 1);
    backend.setInterest(pair.left, false, false);
    CHECK(backend.watchedCount() == 0);
    std::vector<Readiness> ready;
    backend.wait(Duration::zero(), ready);
    CHECK(ready.empty());
}

TEMPLATE_TEST_CASE("Backend: a closed peer makes the reader readable", "[backend]", SelectBackend, PollBackend, EpollBackend) {
    TestType backend;
    SocketPair pair;
    backend.setInterest(pair.left, true, false);
    pair.closeRight();
    std::vector<Readiness> ready;
    backend.wait(1s, ready);
    REQUIRE(ready.size() == 1);
    CHECK(ready[0].readable);
}

// Not epoll: closing a descriptor removes it from the epoll set silently (see below).
TEMPLATE_TEST_CASE("Backend: a descriptor closed while watched is reported disconnected", "[backend]", SelectBackend,
                   PollBackend) {
    TestType backend;
    SocketPair pair;
    SocketPair other;
    backend.setInterest(pair.left, true, false);
    backend.setInterest(other.left, true, false);
    int closedFd = pair.left;
    pair.closeLeft();
    std::vector<Readiness> ready;
    backend.wait(Duration::zero(), ready);
    REQUIRE(ready.size() == 1);
    CHECK(ready[0].fd == closedFd);
    CHECK(ready[0].disconnected);
    CHECK_FALSE(ready[0].readable);
}

TEMPLATE_TEST_CASE("Backend: a negative fd is refused", "[backend]", SelectBackend, PollBackend, EpollBackend) {
    TestType backend;
    CHECK_THROWS_AS(backend.setInterest(-1, true, false), FdOutOfRange);
    CHECK(backend.watchedCount() == 0);
}

namespace {
std::atomic<int> alarms{0};
void onAlarm(int) { alarms.fetch_add(1); }
}  // namespace

TEMPLATE_TEST_CASE("Backend: a wait interrupted by a signal (EINTR) is retried, not an error", "[backend]",
                   SelectBackend, PollBackend, EpollBackend) {
    TestType backend;
    SocketPair pair;
    backend.setInterest(pair.left, true, false);
    struct sigaction action {};
    action.sa_handler = onAlarm;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: the wait really returns EINTR
    struct sigaction previous {};
    sigaction(SIGALRM, &action, &previous);
    alarms = 0;
    itimerval timer{};
    timer.it_value.tv_usec = 20'000;  // one alarm, 20 ms into a 300 ms wait
    setitimer(ITIMER_REAL, &timer, nullptr);
    std::vector<Readiness> ready;
    CHECK_NOTHROW(backend.wait(300ms, ready));
    sigaction(SIGALRM, &previous, nullptr);
    CHECK(alarms == 1);
    CHECK(ready.empty());
}

TEST_CASE("EpollBackend: a descriptor closed while watched is silently forgotten by the kernel") {
    EpollBackend backend;
    SocketPair pair;
    backend.setInterest(pair.left, true, false);
    SocketPair::send(pair.right, "data");  // it would be readable, if it were still open
    int closedFd = pair.left;
    pair.closeLeft();
    std::vector<Readiness> ready;
    backend.wait(Duration::zero(), ready);
    CHECK(ready.empty());
    CHECK_NOTHROW(backend.setInterest(closedFd, false, false));  // forgetting it is still clean
    CHECK(backend.watchedCount() == 0);
}
