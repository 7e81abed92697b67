// callFromThread: calls from other threads run once each, in order, on the reactor thread, only
// those queued when the phase starts, and a call wakes a loop blocked with nothing else to do.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/reactor.h"
#include "trace/memory_sink.h"

using namespace lab;
using namespace std::chrono_literals;

TEST_CASE("callFromThread: calls from four threads each run exactly once, in each thread's order, on the reactor thread") {
    constexpr int kThreads = 4;
    constexpr int kCallsEach = 500;
    Reactor reactor({"poll"});
    const std::thread::id reactorThread = std::this_thread::get_id();
    std::vector<std::vector<int>> seen(kThreads);  // touched on the reactor thread only
    int total = 0;
    bool allOnReactorThread = true;
    std::vector<std::thread> threads;
    reactor.callWhenRunning([&] {
        reactor.callFromThread([] {});  // makes the Waker before other threads call
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < kCallsEach; ++i) {
                    reactor.callFromThread([&, t, i] {
                        allOnReactorThread = allOnReactorThread && std::this_thread::get_id() == reactorThread;
                        seen[t].push_back(i);
                        if (++total == kThreads * kCallsEach) reactor.stop();
                    });
                }
            });
        }
    });
    reactor.run();
    for (std::thread& thread : threads) thread.join();
    CHECK(allOnReactorThread);
    CHECK(total == kThreads * kCallsEach);
    for (int t = 0; t < kThreads; ++t) {
        std::vector<int> expected;
        for (int i = 0; i < kCallsEach; ++i) expected.push_back(i);
        INFO("thread " << t);
        CHECK(seen[t] == expected);
    }
}

TEST_CASE("callFromThread: a call queued while the phase runs waits for the next turn") {
    MemorySink sink;
    Reactor reactor({"select", nullptr, &sink});
    std::vector<std::string> ran;
    reactor.callFromThread([&] {
        ran.push_back("first");
        reactor.callFromThread([&] { ran.push_back("queued by first"); });
    });
    reactor.runOnce();
    CHECK(ran == std::vector<std::string>{"first"});
    // The second call was queued during the turn, so the wait must not block (reason "thread calls").
    auto timeouts = sink.ofKind("timeout_computed");
    REQUIRE(timeouts.size() == 1);
    CHECK(timeouts[0]["reason"] == "thread calls");
    CHECK(timeouts[0]["timeout_ns"] == 0);
    // With nothing left to wake it, this turn's wait would block for good (a SystemClock and no
    // timers). A timer that schedules another for "now" leaves one due after the timers phase
    // (it waits a turn), so the wait is only a look.
    reactor.callLater(0s, [&] { reactor.callLater(0s, [] {}); });
    reactor.runOnce();
    CHECK(ran == std::vector<std::string>{"first", "queued by first"});
    auto phases = sink.ofKind("thread_calls_run");
    REQUIRE(phases.size() == 2);
    CHECK(phases[0]["iter"] == 1);
    CHECK(phases[0]["count"] == 1);
    CHECK(phases[1]["iter"] == 2);
}

TEST_CASE("callFromThread: under a ManualClock calls come in on an idle turn without moving logical time") {
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"select", &clock, &sink});
    std::vector<std::string> ran;
    reactor.callLater(10s, [&] { ran.push_back("timer"); });
    reactor.callFromThread([&] {
        ran.push_back("first");
        reactor.callFromThread([&] { ran.push_back("queued by first"); });
    });
    reactor.runOnce();  // idle turn: the call comes in, time stays
    reactor.runOnce();  // it runs and queues another, taken in on this idle turn
    CHECK(ran == std::vector<std::string>{"first"});
    CHECK(clock.now() == TimePoint{});  // the timer's 10 s jump waited for the calls
    reactor.runOnce();  // the second runs; nothing more queued: now time jumps
    CHECK(ran == std::vector<std::string>{"first", "queued by first"});
    CHECK(clock.now() == TimePoint{10s});
    reactor.runOnce();
    CHECK(ran == std::vector<std::string>{"first", "queued by first", "timer"});
    CHECK(clock.now() == TimePoint{10s});
    for (const auto& waitEnd : sink.ofKind("wait_end")) CHECK(waitEnd["readable"].empty());  // the Waker is never listed
}

TEST_CASE("callFromThread: a call from another thread wakes a wait blocked with no timer") {
    MemorySink sink;
    Reactor reactor({"poll", nullptr, &sink});
    std::thread other;
    reactor.callWhenRunning([&] {
        reactor.callFromThread([] {});  // the Waker, before the other thread uses it
        other = std::thread([&] { reactor.callFromThread([&] { reactor.stop(); }); });
    });
    reactor.run();
    other.join();
    CHECK_FALSE(reactor.running());
    // With no timer a wait either has no limit (only the Waker can end it, or run() would hang
    // until ctest's timeout) or does not block (calls already queued, or stopping). Whether the
    // call came before or during a blocked wait is up to the scheduler; both must work.
    for (const auto& wait : sink.ofKind("wait_begin")) CHECK((wait["timeout_ns"].is_null() || wait["timeout_ns"] == 0));
    bool stopRanAsThreadCall = false;
    auto events = sink.events();
    for (std::size_t i = 0; i + 1 < events.size(); ++i) {
        if (events[i]["kind"] == "thread_calls_run" && events[i + 1]["kind"] == "stop") stopRanAsThreadCall = true;
    }
    CHECK(stopRanAsThreadCall);
    CHECK(sink.ofKind("reader_added").size() == 1);
    CHECK(sink.ofKind("reader_added")[0]["handler"] == "Waker");
}

TEST_CASE("callFromThread: from another thread before the reactor has a Waker, it says what to do") {
    Reactor reactor({"select"});
    std::string message;
    std::thread other([&] {
        try {
            reactor.callFromThread([] {});
        } catch (const std::logic_error& e) {
            message = e.what();
        }
    });
    other.join();
    CHECK_THAT(message, Catch::Contains("no Waker yet"));
}

TEST_CASE("callFromThread: a call that throws is logged and the next call still runs") {
    MemorySink sink;
    Reactor reactor({"select", nullptr, &sink});
    bool secondRan = false;
    reactor.callFromThread([] { throw std::runtime_error("call failed"); });
    reactor.callFromThread([&] { secondRan = true; });
    reactor.runOnce();
    CHECK(secondRan);
    auto errors = sink.ofKind("error_logged");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0]["source"] == "callFromThread");
}

TEST_CASE("callFromThread: a reactor that never uses threads traces no Waker and no thread phase") {
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({"select", &clock, &sink});
    reactor.callLater(1s, [&] { reactor.stop(); });
    reactor.run();
    for (const std::string& kind : sink.kinds()) {
        CHECK(kind != "thread_calls_run");
        CHECK(kind != "reader_added");
    }
}
