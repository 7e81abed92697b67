// One conformance suite, run against every backend: what wait() reports, and in what order.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <cerrno>
#include <system_error>

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

TEMPLATE_TEST_CASE("Backend: interest changed several times before a wait counts only as it ended", "[backend]",
                   SelectBackend, PollBackend, EpollBackend) {
    TestType backend;
    SocketPair pair;
    backend.setInterest(pair.left, true, false);
    std::vector<Readiness> ready;
    backend.wait(Duration::zero(), ready);  // epoll: the descriptor is in the kernel's set now
    backend.setInterest(pair.left, true, true);
    backend.setInterest(pair.left, false, false);
    backend.setInterest(pair.left, false, true);
    backend.wait(1s, ready);
    REQUIRE(ready.size() == 1);
    CHECK(ready[0].writable);
    CHECK_FALSE(ready[0].readable);
}

TEMPLATE_TEST_CASE("Backend: writing dropped after a wait is not reported writable", "[backend]", SelectBackend,
                   PollBackend, EpollBackend) {
    TestType backend;
    SocketPair pair;
    backend.setInterest(pair.left, true, true);
    std::vector<Readiness> ready;
    backend.wait(1s, ready);
    REQUIRE(ready.size() == 1);
    REQUIRE(ready[0].writable);
    backend.setInterest(pair.left, true, false);  // what doWrite does once the buffer is sent
    backend.wait(Duration::zero(), ready);
    CHECK(ready.empty());  // the socket is still writable, but nobody asks any more
    SocketPair::send(pair.right, "next");
    backend.wait(1s, ready);
    REQUIRE(ready.size() == 1);
    CHECK(ready[0].readable);
    CHECK_FALSE(ready[0].writable);
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

// Changes to a watched descriptor wait for the wait (epoll_backend.h); the counter says how many
// epoll_ctl calls the waits made.
TEST_CASE("EpollBackend: a change undone before the wait costs no system call") {
    EpollBackend backend;
    SocketPair pair;
    backend.setInterest(pair.left, true, false);  // entering the set: EPOLL_CTL_ADD at once
    std::vector<Readiness> ready;
    backend.wait(Duration::zero(), ready);
    std::uint64_t before = backend.interestChangesApplied().value();
    backend.setInterest(pair.left, true, true);  // write() buffers: startWriting
    backend.setInterest(pair.left, true, false);  // and it was undone before the wait
    backend.wait(Duration::zero(), ready);
    CHECK(ready.empty());
    CHECK(backend.interestChangesApplied().value() == before);
}

TEST_CASE("EpollBackend: a dropped interest reaches the kernel only when it wakes a wait for nothing") {
    EpollBackend backend;
    SocketPair pair;
    backend.setInterest(pair.left, true, false);
    backend.setInterest(pair.left, true, true);
    std::vector<Readiness> ready;
    backend.wait(1s, ready);  // one EPOLL_CTL_MOD: the kernel lacked EPOLLOUT
    REQUIRE(ready.size() == 1);
    CHECK(ready[0].writable);
    CHECK(backend.interestChangesApplied().value() == 1);

    // A busy echo: doWrite stops writing, the next message arrives, write() starts writing again.
    backend.setInterest(pair.left, true, false);
    SocketPair::send(pair.right, "next");
    backend.wait(1s, ready);
    REQUIRE(ready.size() == 1);
    CHECK(ready[0].readable);
    CHECK_FALSE(ready[0].writable);
    backend.setInterest(pair.left, true, true);
    CHECK(SocketPair::receive(pair.left) == "next");
    backend.wait(1s, ready);
    REQUIRE(ready.size() == 1);
    CHECK(ready[0].writable);
    CHECK(backend.interestChangesApplied().value() == 1);  // the kernel kept EPOLLOUT all along

    // Quiet: the dropped EPOLLOUT wakes the wait with nothing wanted, and only then is taken out.
    backend.setInterest(pair.left, true, false);
    backend.wait(Duration::zero(), ready);
    CHECK(ready.empty());
    CHECK(backend.interestChangesApplied().value() == 2);
    backend.wait(Duration::zero(), ready);
    CHECK(ready.empty());
    CHECK(backend.interestChangesApplied().value() == 2);
}

TEST_CASE("EpollBackend: a dropped interest stays in the kernel, unreported, while other descriptors have work") {
    EpollBackend backend;
    SocketPair busy, quiet;
    backend.setInterest(busy.left, true, false);
    backend.setInterest(quiet.left, true, true);
    std::vector<Readiness> ready;
    backend.wait(1s, ready);  // one MOD: quiet's EPOLLOUT
    REQUIRE(ready.size() == 1);
    CHECK(ready[0].fd == quiet.left);
    std::uint64_t before = backend.interestChangesApplied().value();

    backend.setInterest(quiet.left, true, false);  // doWrite sent it all: stopWriting
    for (int turn = 0; turn < 3; ++turn) {
        SocketPair::send(busy.right, "work");
        backend.wait(1s, ready);  // quiet's dropped EPOLLOUT fires too, and is not reported
        REQUIRE(ready.size() == 1);
        CHECK(ready[0].fd == busy.left);
        CHECK(ready[0].readable);
        CHECK(SocketPair::receive(busy.left) == "work");
    }
    CHECK(backend.interestChangesApplied().value() == before);

    // Nothing wanted is ready: the wait that only the dropped interest woke takes it out.
    backend.wait(Duration::zero(), ready);
    CHECK(ready.empty());
    CHECK(backend.interestChangesApplied().value() == before + 1);
}

TEST_CASE("EpollBackend: a descriptor it cannot watch is refused by setInterest, not by a later wait") {
    EpollBackend backend;
    char path[] = "/tmp/epoll-backend-test-XXXXXX";
    int file = ::mkstemp(path);
    REQUIRE(file >= 0);
    ::unlink(path);
    // A regular file is always ready, so epoll refuses it (EPERM); poll would simply report it.
    try {
        backend.setInterest(file, true, false);
        FAIL("a regular file was accepted");
    } catch (const std::system_error& error) {
        CHECK(error.code().value() == EPERM);
        CHECK(std::string(error.what()).find("fd " + std::to_string(file)) != std::string::npos);
    }
    CHECK(backend.watchedCount() == 0);
    ::close(file);
    CHECK_THROWS_AS(backend.setInterest(file, true, false), std::system_error);  // closed: EBADF, at once too
    CHECK_THROWS_AS(backend.setInterest(1 << 30, true, false), std::system_error);  // no such descriptor
    CHECK(backend.watchedCount() == 0);
}

TEST_CASE("EpollBackend: a descriptor closed with a change pending is reported disconnected") {
    EpollBackend backend;
    SocketPair pair;
    SocketPair other;
    backend.setInterest(pair.left, true, false);
    backend.setInterest(other.left, true, false);
    backend.setInterest(pair.left, true, true);  // pending when the descriptor goes
    int closedFd = pair.left;
    pair.closeLeft();
    std::vector<Readiness> ready;
    backend.wait(1s, ready);
    REQUIRE(ready.size() == 1);
    CHECK(ready[0].fd == closedFd);
    CHECK(ready[0].disconnected);
    CHECK_FALSE(ready[0].readable);
    CHECK_FALSE(ready[0].writable);
    CHECK_NOTHROW(backend.setInterest(closedFd, false, false));  // what the reactor does next
    CHECK(backend.watchedCount() == 1);
}

TEST_CASE("EpollBackend: a closed and reused descriptor number carries no stale interest into the kernel") {
    EpollBackend backend;
    auto old = std::make_unique<SocketPair>();
    int number = old->left;
    backend.setInterest(number, true, true);
    std::vector<Readiness> ready;
    backend.wait(1s, ready);
    backend.setInterest(number, true, false);  // EPOLLOUT stays in the kernel for now
    // A copy keeps the old socket alive: had its registration outlived the close, it would go on
    // reporting the old socket under the number.
    int copy = ::dup(number);
    REQUIRE(copy >= 0);
    backend.setInterest(number, false, false);
    old->closeLeft();
    SocketPair reused;
    REQUIRE(reused.left == number);  // the lowest free number comes back
    backend.setInterest(reused.left, true, false);
    SocketPair::send(old->right, "for the old socket");
    backend.wait(Duration::zero(), ready);
    CHECK(ready.empty());  // neither the old socket's input nor a stale EPOLLOUT
    SocketPair::send(reused.right, "for the new one");
    backend.wait(1s, ready);
    REQUIRE(ready.size() == 1);
    CHECK(ready[0].fd == number);
    CHECK(ready[0].readable);
    CHECK_FALSE(ready[0].writable);
    ::close(copy);
}

TEST_CASE("EpollBackend: a change pending for a closed number that was reused is refused, not applied to the new file") {
    EpollBackend backend;
    auto old = std::make_unique<SocketPair>();
    int number = old->left;
    backend.setInterest(number, true, false);
    backend.setInterest(number, true, true);  // pending
    old->closeLeft();  // a bug: closed while watched
    SocketPair reused;
    REQUIRE(reused.left == number);
    std::vector<Readiness> ready;
    backend.wait(1s, ready);
    REQUIRE(ready.size() == 1);
    CHECK(ready[0].fd == number);
    CHECK(ready[0].disconnected);
    CHECK_FALSE(ready[0].writable);  // the new socket is writable, but was never handed to the kernel
    backend.setInterest(number, false, false);
    backend.wait(Duration::zero(), ready);
    CHECK(ready.empty());
}

TEST_CASE("Backend: only epoll counts interest changes applied by its waits") {
    CHECK_FALSE(SelectBackend().interestChangesApplied().has_value());
    CHECK_FALSE(PollBackend().interestChangesApplied().has_value());
    CHECK(EpollBackend().interestChangesApplied() == std::optional<std::uint64_t>(0));
}
