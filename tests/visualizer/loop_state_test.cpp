// LoopState: the fold of a trace prefix into what the loop looks like at that event.
#include <catch2/catch.hpp>

#include <chrono>

#include "core/reactor.h"
#include "model/loop_state.h"
#include "support/recording_handler.h"
#include "support/socket_pair.h"
#include "trace_fixtures.h"

using namespace lab;
using namespace lab::viz;
using namespace lab::viz::test;
using namespace std::chrono_literals;

namespace {

LoopState foldTo(const TraceModel& model, std::size_t applied) {
    LoopState state;
    for (std::size_t i = 0; i < applied; ++i) state.apply(model.json(i), i);
    return state;
}

// The fold up to (and including) the first event of `kind` after `from`.
LoopState foldToKind(const TraceModel& model, std::string_view kind, std::size_t from = 0) {
    for (std::size_t i = from; i < model.size(); ++i) {
        if (model.kindOf(i) == kind) return foldTo(model, i + 1);
    }
    FAIL("no " << kind << " event");
    return {};
}

const std::string kLoop =
    R"({"seq":1,"t":0,"iter":0,"kind":"timer_scheduled","timer":1,"delay_ns":1000,"due_ns":1000,"at":"p.cpp:1"}
{"seq":2,"t":0,"iter":0,"kind":"timer_scheduled","timer":2,"delay_ns":9000,"due_ns":9000,"at":"p.cpp:2"}
{"seq":3,"t":0,"iter":0,"kind":"reader_added","fd":3,"handler":"R"}
{"seq":4,"t":0,"iter":0,"kind":"writer_added","fd":4,"handler":"W"}
{"seq":5,"t":0,"iter":0,"kind":"run_begin"}
{"seq":6,"t":0,"iter":1,"kind":"iteration_begin"}
{"seq":7,"t":0,"iter":1,"kind":"timers_run","due":0}
{"seq":8,"t":0,"iter":1,"kind":"timeout_computed","timeout_ns":1000,"reason":"next timer"}
{"seq":9,"t":0,"iter":1,"kind":"wait_begin","timeout_ns":1000,"readers":[3],"writers":[4]}
{"seq":10,"t":0,"iter":1,"kind":"wait_end","readable":[3],"writable":[4],"disconnected":[]}
{"seq":11,"t":0,"iter":1,"kind":"ready_dispatch","ready":2}
{"seq":12,"t":0,"iter":1,"kind":"handler_called","fd":3,"handler":"R","event":"read"}
{"seq":13,"t":0,"iter":1,"kind":"handler_called","fd":4,"handler":"W","event":"write"}
{"seq":14,"t":0,"iter":1,"kind":"writer_removed","fd":4,"handler":"W"}
{"seq":15,"t":0,"iter":1,"kind":"iteration_end"}
{"seq":16,"t":0,"iter":2,"kind":"iteration_begin"}
{"seq":17,"t":0,"iter":2,"kind":"timers_run","due":0}
{"seq":18,"t":0,"iter":2,"kind":"timeout_computed","timeout_ns":1000,"reason":"next timer"}
{"seq":19,"t":0,"iter":2,"kind":"wait_begin","timeout_ns":1000,"readers":[3],"writers":[]}
{"seq":20,"t":1000,"iter":2,"kind":"wait_end","readable":[],"writable":[],"disconnected":[]}
{"seq":21,"t":1000,"iter":2,"kind":"ready_dispatch","ready":0}
{"seq":22,"t":1000,"iter":2,"kind":"iteration_end"}
{"seq":23,"t":1000,"iter":3,"kind":"iteration_begin"}
{"seq":24,"t":1000,"iter":3,"kind":"timers_run","due":1}
{"seq":25,"t":1000,"iter":3,"kind":"timer_fired","timer":1}
{"seq":26,"t":1000,"iter":3,"kind":"timer_cancelled","timer":2}
{"seq":27,"t":1000,"iter":3,"kind":"timer_scheduled","timer":3,"delay_ns":0,"due_ns":1000,"at":"p.cpp:3"}
{"seq":28,"t":1000,"iter":3,"kind":"timer_reset","timer":3,"due_ns":1500}
{"seq":29,"t":1000,"iter":3,"kind":"error_logged","source":"timer 1","error":"std::runtime_error: boom"}
{"seq":30,"t":1000,"iter":3,"kind":"stop"}
{"seq":31,"t":1000,"iter":3,"kind":"mystery_kind","thing":1}
{"seq":32,"t":1000,"iter":3,"kind":"timeout_computed","timeout_ns":0,"reason":"stopping"}
{"seq":33,"t":1000,"iter":3,"kind":"iteration_end"}
{"seq":34,"t":1000,"iter":3,"kind":"run_end"}
)";

}  // namespace

TEST_CASE("LoopState: before the loop runs it is in set-up with what the program registered") {
    TraceModel model = modelFromText(kLoop);
    LoopState state = foldTo(model, 4);
    CHECK(state.phase == Phase::setup);
    CHECK(state.readers == std::map<int, std::string>{{3, "R"}});
    CHECK(state.writers == std::map<int, std::string>{{4, "W"}});
    CHECK(state.timers.size() == 2);
    CHECK(state.timers.at(1).at == "p.cpp:1");
    CHECK(state.applied == 4);
}

TEST_CASE("LoopState: the phase follows the loop through one iteration") {
    TraceModel model = modelFromText(kLoop);
    CHECK(foldToKind(model, "run_begin").phase == Phase::startup);
    CHECK(foldToKind(model, "iteration_begin").phase == Phase::iterationBegin);
    CHECK(foldToKind(model, "timers_run").phase == Phase::runDueTimers);
    CHECK(foldToKind(model, "timeout_computed").phase == Phase::computeTimeout);
    LoopState waiting = foldToKind(model, "wait_begin");
    CHECK(waiting.phase == Phase::waitForEvents);
    CHECK(waiting.wait.waiting);
    CHECK(waiting.wait.timeout == 1000);
    CHECK(waiting.wait.readers == std::vector<int>{3});
    CHECK(foldToKind(model, "ready_dispatch").phase == Phase::dispatchReady);
    CHECK(foldToKind(model, "iteration_end").phase == Phase::iterationEnd);
    CHECK(foldTo(model, model.size()).phase == Phase::ended);
    CHECK(phaseLabel(Phase::runDueTimers) == "Run due timers");
}

TEST_CASE("LoopState: the ready list is what the last wait returned") {
    TraceModel model = modelFromText(kLoop);
    LoopState state = foldToKind(model, "wait_end");
    CHECK_FALSE(state.wait.waiting);
    CHECK(state.wait.readable == std::vector<int>{3});
    CHECK(state.wait.writable == std::vector<int>{4});
    CHECK(state.wait.disconnected.empty());
    // The next wait clears it when it begins.
    LoopState next = foldTo(model, 19);
    CHECK(next.wait.readable.empty());
    CHECK(next.wait.readers == std::vector<int>{3});
}

TEST_CASE("LoopState: handlers called this iteration are listed, and cleared by the next") {
    TraceModel model = modelFromText(kLoop);
    LoopState state = foldTo(model, 13);
    REQUIRE(state.dispatched.size() == 2);
    CHECK(state.dispatched[0] == HandlerCall{3, "R", "read"});
    CHECK(state.dispatched[1] == HandlerCall{4, "W", "write"});
    CHECK(state.running == "W.doWrite()");
    CHECK(foldTo(model, 14).writers.empty());
    CHECK(foldTo(model, 16).dispatched.empty());
}

TEST_CASE("LoopState: timers go from pending to fired or cancelled, and a reset moves one") {
    TraceModel model = modelFromText(kLoop);
    LoopState fired = foldTo(model, 25);
    CHECK(fired.timers.count(1) == 0);
    REQUIRE_FALSE(fired.finishedTimers.empty());
    CHECK(fired.finishedTimers.back().id == 1);
    CHECK(fired.finishedTimers.back().status == TimerState::Status::fired);
    CHECK(fired.running == "timer 1");
    CHECK(fired.dueThisIteration == 1);

    LoopState after = foldTo(model, 28);
    CHECK(after.timers.count(2) == 0);
    CHECK(after.finishedTimers.back().id == 2);
    CHECK(after.finishedTimers.back().status == TimerState::Status::cancelled);
    REQUIRE(after.timers.count(3) == 1);
    CHECK(after.timers.at(3).due == 1500);
    CHECK(after.timers.at(3).delay == 0);
}

TEST_CASE("LoopState: due timers are the pending ones whose time has come") {
    TraceModel model = modelFromText(kLoop);
    LoopState state = foldTo(model, 27);  // timer 3 due now (1000)
    auto due = state.dueTimers();
    REQUIRE(due.size() == 1);
    CHECK(due[0]->id == 3);
    CHECK(foldTo(model, 28).dueTimers().empty());  // moved to 1500
}

TEST_CASE("LoopState: errors, stop and unknown kinds are recorded") {
    TraceModel model = modelFromText(kLoop);
    LoopState state = foldTo(model, 31);
    REQUIRE(state.errors.size() == 1);
    CHECK(state.errors[0].source == "timer 1");
    CHECK(state.stopRequested);
    CHECK(state.unknownEvents == 1);
    CHECK(state.now == 1000);
    CHECK(state.iter == 3);
}

TEST_CASE("LoopState: a kind it does not know only moves the clock") {
    TraceModel model = modelFromText(R"({"seq":1,"t":0,"iter":0,"kind":"reader_added","fd":3,"handler":"R"}
{"seq":2,"t":77,"iter":1,"kind":"brand_new","fd":3,"weird":[1,"x",{"a":null}]}
)");
    LoopState state = foldTo(model, 2);
    CHECK(state.now == 77);
    CHECK(state.readers.size() == 1);
    CHECK(state.unknownEvents == 1);
}

TEST_CASE("LoopState: objects named by id show their latest event even for unknown kinds") {
    TraceModel model = modelFromText(R"({"seq":1,"t":0,"iter":0,"kind":"something_new","connection":5,"fd":9}
{"seq":2,"t":1,"iter":0,"kind":"other_new","thread":2,"name":"worker"}
)");
    LoopState state = foldTo(model, 2);
    REQUIRE(state.connections.count(5) == 1);
    CHECK(state.connections.at(5).fd == 9);
    CHECK(state.connections.at(5).last.kind == "something_new");
    REQUIRE(state.threads.count(2) == 1);
    CHECK(state.threads.at(2).name == "worker");
}

TEST_CASE("LoopState: a reactor-recorded run folds to what the reactor did") {
    ManualClock clock;
    MemorySink sink;
    lab::test::SocketPair pair;
    lab::test::RecordingHandler reader(pair.left, "Reader");
    {
        Reactor reactor(ReactorOptions{"select", &clock, &sink, "loop-state-test"});
        reactor.addReader(reader);
        reader.onRead = [&] {
            lab::test::SocketPair::receive(pair.left);
            reactor.removeReader(reader);
        };
        auto cancelled = reactor.callLater(5s, [] {});
        reactor.callLater(1s, [&] {
            lab::test::SocketPair::send(pair.right, "x");
            cancelled->cancel();
            reactor.callLater(1s, [&] { reactor.stop(); });
        });
        reactor.run();
    }
    TraceModel model = modelFromSink(sink);
    REQUIRE(model.size() > 10);
    LoopState end = foldTo(model, model.size());
    CHECK(end.phase == Phase::ended);
    CHECK(end.readers.empty());
    CHECK(end.timers.empty());
    CHECK(end.now == 2'000'000'000);
    std::size_t fired = 0, cancelled = 0;
    for (const TimerState& timer : end.finishedTimers) {
        fired += timer.status == TimerState::Status::fired;
        cancelled += timer.status == TimerState::Status::cancelled;
    }
    CHECK(fired == 2);
    CHECK(cancelled == 1);
    LoopState called = foldToKind(model, "handler_called");
    CHECK(called.readers.count(pair.left) == 1);
    CHECK(called.wait.readable == std::vector<int>{pair.left});
}

TEST_CASE("LoopState: a Deferred's ladder records each pair, the path taken, pauses and the result") {
    TraceModel model = modelFromText(R"({"seq":1,"t":0,"iter":0,"kind":"deferred_created","deferred":1,"label":"outer","at":"p.cpp:40"}
{"seq":2,"t":0,"iter":0,"kind":"deferred_pair_added","deferred":1,"pair":1,"side":"callback","label":"wait for inner","at":"p.cpp:41"}
{"seq":3,"t":0,"iter":0,"kind":"deferred_pair_added","deferred":1,"pair":2,"side":"errback","label":"recover","at":"p.cpp:42"}
{"seq":4,"t":0,"iter":0,"kind":"deferred_fired","deferred":1,"failed":false,"result":"1"}
{"seq":5,"t":0,"iter":0,"kind":"deferred_callback_ran","deferred":1,"pair":1,"side":"callback","label":"wait for inner","input":"1","output":null,"next":"wait"}
{"seq":6,"t":0,"iter":0,"kind":"deferred_paused","deferred":1,"on":2}
{"seq":7,"t":0,"iter":0,"kind":"deferred_pair_added","deferred":2,"pair":1,"side":"continuation","label":"resume deferred 1","at":"p.cpp:40"}
{"seq":8,"t":5,"iter":2,"kind":"deferred_resumed","deferred":1,"from":2,"result":"2"}
{"seq":9,"t":5,"iter":2,"kind":"deferred_cancelled","deferred":3,"state":"unfired"}
{"seq":10,"t":6,"iter":3,"kind":"deferred_unhandled","deferred":4,"label":"lost","failure":"std::runtime_error: nobody listened"}
)");
    LoopState paused = foldTo(model, 7);
    const DeferredState& outer = paused.deferreds.at(1);
    CHECK(outer.label == "outer");
    REQUIRE(outer.pairs.size() == 2);
    CHECK(outer.pairs[0].ran);
    CHECK(outer.pairs[0].ranSide == "callback");
    CHECK(outer.pairs[0].input == "1");
    CHECK_FALSE(outer.pairs[1].ran);
    CHECK(outer.pairsRun == 1);
    CHECK(outer.fired);
    CHECK(outer.waitingOn == 2);
    CHECK(paused.deferreds.at(2).pairs.at(0).side == "continuation");
    LoopState end = foldTo(model, model.size());
    CHECK_FALSE(end.deferreds.at(1).waitingOn);
    CHECK(end.deferreds.at(1).result == "2");
    CHECK(end.deferreds.at(3).cancelled);
    CHECK(end.deferreds.at(4).unhandled);
    CHECK(end.deferreds.at(4).result == "std::runtime_error: nobody listened");
    CHECK(end.unknownEvents == 0);
}

TEST_CASE("LoopState: connections and ports follow the TCP events") {
    TraceModel model = modelFromText(R"({"seq":1,"t":0,"iter":0,"kind":"port_listening","port":1,"fd":3,"interface":"127.0.0.1"}
{"seq":2,"t":0,"iter":1,"kind":"connections_accepted","port":1,"accepted":1,"next_limit":2}
{"seq":3,"t":0,"iter":1,"kind":"connection_made","connection":1,"fd":5,"side":"server"}
{"seq":4,"t":0,"iter":2,"kind":"bytes_read","connection":1,"bytes":12}
{"seq":5,"t":0,"iter":2,"kind":"bytes_buffered","connection":1,"bytes":12,"buffered":12}
{"seq":6,"t":0,"iter":2,"kind":"producer_paused","connection":1,"buffered":12}
{"seq":7,"t":0,"iter":3,"kind":"bytes_sent","connection":1,"bytes":10,"buffered":2}
{"seq":8,"t":0,"iter":3,"kind":"lose_connection","connection":1,"buffered":2}
{"seq":9,"t":0,"iter":4,"kind":"connection_closed","connection":1,"fd":5,"reason":"lab::ConnectionDone: bye"}
)");
    LoopState paused = foldTo(model, 6);
    CHECK(paused.ports.at(1).accepted == 1);
    const ConnectionState& connection = paused.connections.at(1);
    CHECK(connection.fd == 5);
    CHECK(connection.side == "server");
    CHECK(connection.bytesRead == 12);
    CHECK(connection.bytesBuffered == 12);
    CHECK(connection.producerPaused);
    CHECK(foldTo(model, 8).connections.at(1).state == "disconnecting");
    LoopState end = foldTo(model, model.size());
    CHECK(end.connections.at(1).state == "closed");
    CHECK(end.connections.at(1).bytesSent == 10);
    CHECK(end.connections.at(1).reason == "lab::ConnectionDone: bye");
    CHECK(end.unknownEvents == 0);
}
