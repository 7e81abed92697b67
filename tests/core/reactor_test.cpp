// Reactor: run/stop/callWhenRunning, timers in the loop, and the wait's timeout.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/errors.h"
#include "core/reactor.h"
#include "support/scripted_backend.h"
#include "trace/memory_sink.h"

using namespace lab;
using namespace std::chrono_literals;

TEST_CASE("Reactor: stop when not running raises ReactorNotRunning") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    CHECK_THROWS_AS(reactor.stop(), ReactorNotRunning);
}

TEST_CASE("Reactor: stop called twice raises ReactorNotRunning the second time") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    bool secondRaised = false;
    reactor.callWhenRunning([&] {
        reactor.stop();
        try {
            reactor.stop();
        } catch (const ReactorNotRunning&) {
            secondRaised = true;
        }
    });
    reactor.run();
    CHECK(secondRaised);
    CHECK_FALSE(reactor.running());
}

TEST_CASE("Reactor: run a second time raises ReactorNotRestartable") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    reactor.callWhenRunning([&] { reactor.stop(); });
    reactor.run();
    CHECK_THROWS_AS(reactor.run(), ReactorNotRestartable);
}

TEST_CASE("Reactor: callWhenRunning waits for run, and runs at once when already running") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    std::vector<std::string> order;
    reactor.callWhenRunning([&] {
        order.push_back("startup");
        reactor.callWhenRunning([&] { order.push_back("immediate"); });
        order.push_back("after");
        reactor.stop();
    });
    CHECK(order.empty());
    reactor.run();
    CHECK(order == std::vector<std::string>{"startup", "immediate", "after"});
}

TEST_CASE("Reactor: run returns after the iteration in which stop was called") {
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"select", &clock, &sink});
    std::vector<int> ticks;
    reactor.callLater(1s, [&] { ticks.push_back(1); });
    reactor.callLater(2s, [&] {
        ticks.push_back(2);
        reactor.stop();
    });
    reactor.callLater(3s, [&] { ticks.push_back(3); });
    reactor.run();
    CHECK(ticks == std::vector<int>{1, 2});
    CHECK(reactor.now() == TimePoint(2s));
    CHECK(sink.kinds().back() == "run_end");
}

TEST_CASE("Reactor: the wait never sleeps past the next timer") {
    test::ScriptedBackend::Shared script;
    ManualClock clock;
    Reactor reactor(std::make_unique<test::ScriptedBackend>(script), {"", &clock});
    reactor.callLater(5s, [] {});
    reactor.callLater(7s, [] {});
    reactor.runOnce();
    REQUIRE(script.timeouts.size() == 1);
    // Logical time: the backend only looks (timeout zero), and the clock jumps exactly to the timer.
    CHECK(script.timeouts[0] == Duration::zero());
    CHECK(clock.now() == TimePoint(5s));
    reactor.runOnce();  // fires the 5 s timer, then waits until 7 s
    CHECK(clock.now() == TimePoint(7s));
    CHECK(reactor.pendingTimers() == 1);
}

TEST_CASE("Reactor: the computed timeout is the time left until the next timer") {
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"poll", &clock, &sink});
    reactor.callLater(1500ms, [] {});
    clock.advance(500ms);
    reactor.runOnce();
    auto computed = sink.ofKind("timeout_computed");
    REQUIRE(computed.size() == 1);
    CHECK(computed[0]["timeout_ns"] == 1'000'000'000);
    CHECK(computed[0]["reason"] == "next timer");
}

TEST_CASE("Reactor: an exception thrown by a timer is logged and the loop goes on") {
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"select", &clock, &sink});
    bool laterRan = false;
    reactor.callLater(1s, [] { throw std::runtime_error("boom"); });
    reactor.callLater(2s, [&] {
        laterRan = true;
        reactor.stop();
    });
    reactor.run();
    CHECK(laterRan);
    auto errors = sink.ofKind("error_logged");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0]["source"] == "timer 1");
    CHECK(errors[0]["error"].get<std::string>().find("boom") != std::string::npos);
}

TEST_CASE("Reactor: a timer that keeps rescheduling itself for now cannot starve the loop") {
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"select", &clock, &sink});
    int spins = 0;
    std::function<void()> spin = [&] {
        if (++spins < 5) reactor.callLater(0s, spin);
    };
    reactor.callLater(0s, spin);
    reactor.runOnce();
    CHECK(spins == 1);  // the rescheduled call waits for the next turn
    reactor.runOnce();
    CHECK(spins == 2);
}

TEST_CASE("Reactor: run under a ManualClock with nothing to wait for says so instead of hanging") {
    ManualClock clock;
    Reactor reactor({"select", &clock});
    CHECK_THROWS_WITH(reactor.run(), Catch::Contains("wait forever"));
    CHECK_FALSE(reactor.running());
}

TEST_CASE("Reactor: an unknown backend name is refused with the known names") {
    CHECK_THROWS_WITH(Reactor({"kqueue"}), Catch::Contains("known: select, poll, epoll"));
}

TEST_CASE("Reactor: on the system clock, a timer stops a running loop") {
    Reactor reactor({"poll"});
    bool fired = false;
    reactor.callLater(1ms, [&] {
        fired = true;
        reactor.stop();
    });
    reactor.run();
    CHECK(fired);
    CHECK(reactor.now() >= TimePoint(1ms));
}
