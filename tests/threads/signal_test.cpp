// Signals: after installSignalHandlers(), SIGINT or SIGTERM make run() return (the handler only
// notes the signal and wakes the loop, which calls stop() itself); the previous handlers come back.
#include <catch2/catch.hpp>

#include <signal.h>

#include <algorithm>
#include <csignal>
#include <stdexcept>
#include <thread>

#include "core/reactor.h"
#include "trace/memory_sink.h"

using namespace lab;
using namespace std::chrono_literals;

namespace {
void (*currentHandler(int signal))(int) {
    struct sigaction now {};
    ::sigaction(signal, nullptr, &now);
    return now.sa_handler;
}
}  // namespace

TEST_CASE("Signal: raise(SIGINT) after installSignalHandlers stops run(), traced as signal_received then stop") {
    auto before = currentHandler(SIGINT);
    MemorySink sink;
    {
        Reactor reactor({"poll", nullptr, &sink});
        reactor.installSignalHandlers();
        CHECK(currentHandler(SIGINT) != before);
        reactor.callWhenRunning([] { std::raise(SIGINT); });
        reactor.run();
        CHECK_FALSE(reactor.running());
        CHECK(currentHandler(SIGINT) == before);  // given back when run() returned
    }
    auto kinds = sink.kinds();
    auto received = std::find(kinds.begin(), kinds.end(), "signal_received");
    REQUIRE(received != kinds.end());
    CHECK(*(received + 1) == "stop");
    CHECK(sink.ofKind("signal_received")[0]["signal"] == "SIGINT");
}

TEST_CASE("Signal: SIGTERM raised on another thread wakes a loop blocked with no timer") {
    ManualClock clock;  // no timer, no descriptor: only the signal can end the wait
    MemorySink sink;
    Reactor reactor({"select", &clock, &sink});
    reactor.installSignalHandlers();
    std::thread other;
    // raise() delivers to the calling thread: the handler runs there, the loop wakes by the pipe.
    reactor.callWhenRunning([&] { other = std::thread([] { std::raise(SIGTERM); }); });
    reactor.run();
    other.join();
    auto received = sink.ofKind("signal_received");
    REQUIRE(received.size() == 1);
    CHECK(received[0]["signal"] == "SIGTERM");
}

TEST_CASE("Signal: a second reactor cannot take the handlers while the first owns them") {
    Reactor first({"select"});
    first.installSignalHandlers();
    Reactor second({"select"});
    CHECK_THROWS_AS(second.installSignalHandlers(), std::logic_error);
}

TEST_CASE("Signal: a reactor destroyed without running gives the handlers back") {
    auto before = currentHandler(SIGTERM);
    {
        Reactor reactor({"select"});
        reactor.installSignalHandlers();
        CHECK(currentHandler(SIGTERM) != before);
    }
    CHECK(currentHandler(SIGTERM) == before);
}
