// The trace vocabulary: every kind of event the reactor records, and the shape of one event.
//
// One concept, one word: the phase the code calls runDueTimers() is the kind "timers_run", the
// lesson heading "Run due timers" and the visualizer label "Run due timers". Every kind here has
// a row in traces/SCHEMA.md. Add a kind there, here, and in the visualizer in the same change.
//
// A TraceEvent borrows its data (string_view, span): it lives only for the duration of one
// TraceSink::event() call, so emitting costs no allocation. Sinks copy what they keep.
// Tested in tests/trace/trace_round_trip_test.cpp.
#pragma once

#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "clock/clock.h"

namespace lab {

inline constexpr std::string_view kTraceSchema = "reactor-lab-trace";
inline constexpr int kTraceVersion = 1;

namespace kind {
// Reactor lifetime.
inline constexpr std::string_view runBegin = "run_begin";          // run() started
inline constexpr std::string_view stop = "stop";                   // stop() was called
inline constexpr std::string_view runEnd = "run_end";              // run() returned
// One loop iteration, phase by phase (Reactor::runOnce).
inline constexpr std::string_view iterationBegin = "iteration_begin";
inline constexpr std::string_view threadCallsRun = "thread_calls_run";        // runThreadCalls(), only when some ran
inline constexpr std::string_view timersRun = "timers_run";              // runDueTimers()
inline constexpr std::string_view timeoutComputed = "timeout_computed";  // computeTimeout()
inline constexpr std::string_view waitBegin = "wait_begin";              // waitForEvents(), entering
inline constexpr std::string_view waitEnd = "wait_end";                  // waitForEvents(), leaving
inline constexpr std::string_view readyDispatch = "ready_dispatch";      // dispatchReady()
inline constexpr std::string_view handlerCalled = "handler_called";      // one doRead()/doWrite()
inline constexpr std::string_view iterationEnd = "iteration_end";
// Timers (DelayedCall).
inline constexpr std::string_view timerScheduled = "timer_scheduled";
inline constexpr std::string_view timerCancelled = "timer_cancelled";
inline constexpr std::string_view timerReset = "timer_reset";
inline constexpr std::string_view timerFired = "timer_fired";
// Handlers (Handler registrations).
inline constexpr std::string_view readerAdded = "reader_added";
inline constexpr std::string_view readerRemoved = "reader_removed";
inline constexpr std::string_view writerAdded = "writer_added";
inline constexpr std::string_view writerRemoved = "writer_removed";
inline constexpr std::string_view fdRefused = "fd_refused";
inline constexpr std::string_view connectionLost = "connection_lost";
// Errors the loop caught, logged and survived (Twisted's log.err).
inline constexpr std::string_view errorLogged = "error_logged";
// Deferreds (reactor/deferred), recorded inside a DeferredTracing scope: enough to redraw every
// chain as its ladder of (callback, errback) pairs and the path each result took.
inline constexpr std::string_view deferredCreated = "deferred_created";
inline constexpr std::string_view deferredPairAdded = "deferred_pair_added";  // addCallback/...
inline constexpr std::string_view deferredFired = "deferred_fired";           // callback()/errback()
inline constexpr std::string_view deferredCallbackRan = "deferred_callback_ran";  // one callback ran (either side)
inline constexpr std::string_view deferredPaused = "deferred_paused";         // on an inner Deferred, or pause()
inline constexpr std::string_view deferredResumed = "deferred_resumed";       // the inner one fired, or unpause()
inline constexpr std::string_view deferredCancelled = "deferred_cancelled";
inline constexpr std::string_view deferredTimedOut = "deferred_timed_out";    // addTimeout's timer fired
inline constexpr std::string_view deferredUnhandled = "deferred_unhandled";   // destroyed holding a Failure
// TCP (reactor/transport). Connections and ports are named by logical ids ("connection": 1, 2,
// ...; "port": 1, 2, ...), never by port number, which differs on every run. Byte counts only,
// never payload bytes.
inline constexpr std::string_view portListening = "port_listening";            // listenTCP
inline constexpr std::string_view portClosed = "port_closed";                  // stopListening
inline constexpr std::string_view connectionsAccepted = "connections_accepted"; // one accept loop
inline constexpr std::string_view acceptFailed = "accept_failed";              // EMFILE, fd refused...
inline constexpr std::string_view connectStarted = "connect_started";          // connectTCP
inline constexpr std::string_view connectFailed = "connect_failed";            // refused, timeout
inline constexpr std::string_view connectionMade = "connection_made";
inline constexpr std::string_view bytesRead = "bytes_read";
inline constexpr std::string_view bytesBuffered = "bytes_buffered";            // write()
inline constexpr std::string_view bytesSent = "bytes_sent";                    // doWrite()
inline constexpr std::string_view loseConnection = "lose_connection";
inline constexpr std::string_view connectionAborted = "connection_aborted";
inline constexpr std::string_view readClosed = "read_closed";                  // half-close, input
inline constexpr std::string_view writeClosed = "write_closed";                // half-close, output
inline constexpr std::string_view producerPaused = "producer_paused";
inline constexpr std::string_view producerResumed = "producer_resumed";
inline constexpr std::string_view connectionClosed = "connection_closed";      // once per connection
// HTTP (reactor/http): one event per request parsed and per response written, on the TCP
// connection's logical id. The target is the request's own text; bytes count head and body.
inline constexpr std::string_view httpRequest = "http_request";    // a whole request was parsed
inline constexpr std::string_view httpResponse = "http_response";  // its response was written
inline constexpr std::string_view sseBroadcast = "sse_broadcast";  // one event to every client
// The thread-per-connection baseline (tools/threaded_echo_server.cpp): no loop, so iter stays 0
// and a "thread" field (1 = main) names the lane each event belongs to.
inline constexpr std::string_view threadStarted = "thread_started";
inline constexpr std::string_view threadBlocked = "thread_blocked";  // entering accept/read/write
inline constexpr std::string_view threadWoke = "thread_woke";        // that call returned
inline constexpr std::string_view threadExited = "thread_exited";
// Threads meeting the reactor (deferred/defer_to_thread.cpp, Reactor::installSignalHandlers). Jobs are named
// "job" (the pool's id), never "thread": that field names the baseline's lanes. Recorded on the
// reactor thread only: the Tracer is not thread-safe.
inline constexpr std::string_view threadJobQueued = "thread_job_queued";  // deferToThread
inline constexpr std::string_view threadJobDone = "thread_job_done";      // its result is back
inline constexpr std::string_view signalReceived = "signal_received";     // SIGINT/SIGTERM noted

// The phases of one iteration, in Reactor::runOnce's order, each named by the kind it begins with
// (phase 0, thread_calls_run, is written only in turns where thread calls ran). The Chrome
// export draws each as a slice; the visualizer's fold names them as Phase (loop_state.h).
inline constexpr std::string_view phases[] = {threadCallsRun, timersRun, timeoutComputed, waitBegin, readyDispatch};
constexpr bool isPhase(std::string_view k) {
    for (std::string_view phase : phases) {
        if (phase == k) return true;
    }
    return false;
}
// The kinds that mark the loop's own structure rather than a program's code: the phases, the
// edges of an iteration, the wait's end and the end of run(). Whatever callback was running has
// returned by the time one of these is written.
constexpr bool isLoopStructure(std::string_view k) {
    return isPhase(k) || k == iterationBegin || k == waitEnd || k == iterationEnd || k == runEnd;
}
}  // namespace kind

// One field value: null, bool, integer, text, or a list of descriptors.
class TraceValue {
public:
    using Storage = std::variant<std::nullptr_t, bool, std::int64_t, std::string_view, std::span<const int>>;

    TraceValue(std::nullptr_t) : value_(nullptr) {}
    TraceValue(bool b) : value_(b) {}
    template <std::integral I>
    TraceValue(I i) : value_(static_cast<std::int64_t>(i)) {}
    TraceValue(Duration d) : value_(static_cast<std::int64_t>(d.count())) {}
    TraceValue(TimePoint t) : value_(static_cast<std::int64_t>(t.time_since_epoch().count())) {}
    TraceValue(std::optional<Duration> d) : value_(nullptr) {
        if (d) value_ = static_cast<std::int64_t>(d->count());
    }
    TraceValue(const char* s) : value_(std::string_view(s)) {}
    TraceValue(std::string_view s) : value_(s) {}
    TraceValue(const std::string& s) : value_(std::string_view(s)) {}
    TraceValue(std::span<const int> fds) : value_(fds) {}
    TraceValue(const std::vector<int>& fds) : value_(std::span<const int>(fds)) {}

    const Storage& storage() const { return value_; }

private:
    Storage value_;
};

struct TraceField {
    std::string_view key;
    TraceValue value;
};

// Every event has a sequence number, a time, the loop iteration it happened in, and a kind.
struct TraceEvent {
    std::uint64_t seq = 0;
    TimePoint t{};
    std::uint64_t iter = 0;  // 0 = outside any iteration (set-up before the loop runs)
    std::string_view kind;
    std::span<const TraceField> fields;
};

// Line 1 of every trace.
struct TraceHeader {
    std::string program;
    std::string backend;  // "select" or "poll"
    std::string clock;    // "manual" or "system"
};

}  // namespace lab
