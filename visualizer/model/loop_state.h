// LoopState: what the world looks like after a prefix of the trace: the fold of its events.
//
// apply() takes one event and updates the state: the loop phase, the registered readers and
// writers, the last wait and its ready list, the pending timers, the handlers called this
// iteration, the connections, each Deferred's chain, the jobs deferToThread sent to the thread
// pool, the HTTP requests a server parsed, and the threads of the threaded baseline.
// A kind it does not know only moves the clock (and its generic trackers, below): the Event log
// and the Inspector still show it. State is a plain value: copying it is how keyframes work
// (keyframes.h), and == is how the tests compare a fresh fold with a keyframe seek.
// Bounded on purpose: finished timers, errors and dispatched handlers keep only the last few,
// so a keyframe stays small however long the trace is. Those short histories are vectors, not
// deques: an empty vector copies without allocating, and a 10M-event trace has 19,532 keyframes.
// No ImGui here; tested in tests/visualizer/loop_state_test.cpp.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trace/trace_json.h"

namespace lab::viz {

class EventView;

// Where the loop is, named as the phases of Reactor::runOnce (and lit on the Loop diagram).
enum class Phase {
    setup,           // before run(): the program registers handlers and schedules timers
    startup,         // run() began: startup calls run
    iterationBegin,  // "Iteration begins"
    runThreadCalls,  // "Run thread calls" (only in iterations where thread calls ran)
    runDueTimers,    // "Run due timers"
    computeTimeout,  // "Compute the timeout"
    waitForEvents,   // "Wait for events" (between wait_begin and wait_end)
    dispatchReady,   // "Dispatch ready handlers" (wait_end .. iteration_end)
    iterationEnd,    // "Iteration ends"
    ended,           // run() returned
};
std::string_view phaseLabel(Phase phase);

struct TimerState {
    std::int64_t id = 0;
    std::int64_t scheduledAt = 0;  // t of timer_scheduled
    std::int64_t delay = 0;
    std::int64_t due = 0;
    std::string at;  // source location of the callLater
    enum class Status { pending, fired, cancelled } status = Status::pending;
    std::int64_t endedAt = 0;  // t it fired or was cancelled
    bool operator==(const TimerState&) const = default;
};

struct WaitState {
    bool seen = false;      // a wait has happened
    bool waiting = false;   // between wait_begin and wait_end
    std::optional<std::int64_t> timeout;  // nullopt: no limit
    std::string reason;                   // from timeout_computed
    std::vector<int> readers, writers;    // what it watched
    std::vector<int> readable, writable, disconnected;  // what it returned (the ready list)
    std::int64_t began = 0, ended = 0;
    bool operator==(const WaitState&) const = default;
};

struct HandlerCall {
    int fd = -1;
    std::string handler;
    std::string event;  // "read" or "write"
    bool operator==(const HandlerCall&) const = default;
};

// An event that names one of the loop's objects, kept as the object's latest news.
struct LastEvent {
    std::string kind;
    std::int64_t t = 0;
    std::size_t index = 0;
    bool operator==(const LastEvent&) const = default;
};

struct ConnectionState {
    std::int64_t id = 0;
    int fd = -1;
    std::string peer;      // "127.0.0.1:5000" when the trace says
    std::string protocol;  // handler / protocol name when the trace says
    std::string side;      // "server" or "client"
    std::string state = "open";  // connecting, open, disconnecting, peer stopped sending,
                                 // write side closed, aborted, closed, failed
    std::string reason;    // why it closed or failed
    std::int64_t bytesRead = 0, bytesSent = 0, bytesBuffered = 0;
    bool producerPaused = false;
    LastEvent last;
    bool operator==(const ConnectionState&) const = default;
};

// One (callback, errback) pair of a Deferred, and what happened when its callback ran.
struct PairState {
    std::int64_t number = 0;  // 1, 2, ... in the order added ("pair" in the trace)
    std::string side;  // which sides it has: "callback", "errback", "both", "callbacks" or "continuation"
    std::string label;
    std::string at;    // source location of the addCallbacks
    bool ran = false;
    std::string ranSide;  // which side's callback ran: "callback" or "errback"
    std::string input, output;
    bool operator==(const PairState&) const = default;
};

struct DeferredState {
    std::int64_t id = 0;
    std::string label;
    std::string at;
    std::vector<PairState> pairs;
    std::size_t pairsRun = 0;   // how far down its pairs the result has gone
    bool fired = false;
    bool resultIsFailure = false;
    std::string result;         // the current result, as the trace writes it
    bool paused = false;
    std::optional<std::int64_t> waitingOn;  // paused on this inner Deferred
    bool cancelled = false;
    bool unhandled = false;
    LastEvent last;
    bool operator==(const DeferredState&) const = default;
};

struct PortState {
    std::int64_t id = 0;
    int fd = -1;
    std::string interface;
    bool listening = true;
    std::int64_t accepted = 0;
    LastEvent last;
    bool operator==(const PortState&) const = default;
};

struct ThreadState {
    std::int64_t id = 0;
    std::string name;
    std::string doing;  // latest kind's label
    // The thread-per-connection baseline's lanes (thread_blocked / thread_woke / thread_exited):
    std::string blockedIn;  // "accept", "read" or "write" while blocked; "" while running
    int fd = -1;            // the descriptor of the last blocking call
    std::int64_t bytes = 0; // bytes its calls returned so far
    bool alive = true;
    std::string exitReason;
    LastEvent last;
    bool operator==(const ThreadState&) const = default;
};

// A job deferToThread handed to the thread pool (thread_job_queued .. thread_job_done).
struct ThreadJobState {
    std::int64_t id = 0;
    std::int64_t deferred = 0;  // the Deferred its result fires
    std::int64_t queuedAt = 0;
    bool done = false;
    bool ok = false;            // done: returned a value (false: threw, the Deferred fails)
    std::int64_t doneAt = 0;
    bool operator==(const ThreadJobState&) const = default;
};

// One HTTP request a server parsed, from http_request to its response and its connection's end.
// The trace names a request by its connection only, so the fold numbers them (1, 2, ... in the
// order parsed). A response is "sent" once its connection's write buffer empties after it; bytes
// written on the connection after its response, with no request in between, are a stream
// (server-sent events, chapter 09). The trace has no event for a request half-received, so a
// request appears once it is whole. Folded in loop_state_http.cpp.
struct HttpRequestState {
    std::int64_t number = 0;
    std::int64_t connection = 0;
    std::string method;  // "" for a request that did not parse (the server answered it with an error)
    std::string target;
    bool responded = false;       // http_response written (to the connection's buffer)
    bool sent = false;            // and the buffer has emptied since
    bool closed = false;          // its connection closed
    std::int64_t status = 0;      // of the response; 0 before it
    std::int64_t bytes = 0;       // the response as written: status line, headers, body
    std::int64_t streamBytes = 0; // written after the response: the stream's events
    std::int64_t eventsSent = 0;  // event broadcasts while its stream was open
    std::int64_t requestedAt = 0; // t of http_request
    std::size_t requestIndex = 0; // event index of http_request (or of the response, unparsed)
    LastEvent last;
    enum class Stage { handling, responseBuffered, responseSent, streaming, streamClosed, closedUnanswered };
    Stage stage() const;
    bool streams() const { return responded && streamBytes > 0; }
    bool finished() const { return closed || (sent && !streams()); }
    bool operator==(const HttpRequestState&) const = default;
};
// "being handled", "response buffered", "response sent", "streaming events", "stream closed",
// "closed unanswered".
std::string_view stageLabel(HttpRequestState::Stage stage);

struct LoggedError {
    std::int64_t t = 0;
    std::string source, error;
    bool operator==(const LoggedError&) const = default;
};

struct LoopState {
    std::size_t applied = 0;  // events folded so far; the current event is applied - 1
    std::int64_t now = 0;
    std::int64_t iter = 0;
    Phase phase = Phase::setup;
    bool stopRequested = false;
    std::string running;  // the code running now: "timer 3", "LineReader.doRead()", "" for the loop

    std::map<int, std::string> readers;  // fd -> handler
    std::map<int, std::string> writers;
    std::vector<int> refused;            // fds a backend refused
    WaitState wait;
    int dueThisIteration = 0;            // from timers_run
    int threadCallsThisIteration = 0;    // from thread_calls_run
    std::map<std::int64_t, ThreadJobState> threadJobs;  // queued, not yet back, by id
    std::vector<ThreadJobState> finishedJobs;            // back, newest last (last kMaxKept)
    std::string lastSignal;              // from signal_received: "SIGINT", "SIGTERM" or ""
    std::vector<HandlerCall> dispatched; // handlers called this iteration, in order (last kMaxKept)
    std::map<std::int64_t, TimerState> timers;  // pending, by id
    std::vector<TimerState> finishedTimers;      // fired or cancelled, newest last (last kMaxKept)
    std::vector<LoggedError> errors;             // newest last (last kMaxKept)
    std::map<std::int64_t, PortState> ports;
    std::map<std::int64_t, ConnectionState> connections;
    std::map<std::int64_t, DeferredState> deferreds;
    std::map<std::int64_t, ThreadState> threads;
    // HTTP requests in the order parsed; finished ones beyond kMaxKept are forgotten, oldest first.
    std::vector<HttpRequestState> httpRequests;
    std::int64_t httpRequestsSeen = 0;   // numbers the next one
    std::size_t unknownEvents = 0;  // events of kinds this fold does not know

    static constexpr std::size_t kMaxKept = 12;
    // Deferreds that finished cleanly are forgotten after this many more have finished, so the
    // state does not grow with the length of the trace.
    static constexpr std::size_t kMaxFinishedDeferreds = 64;

    // Fold one event (the one at `index` in its trace) into the state.
    void apply(const TraceJson& event, std::size_t index);
    // The same, for an event read where it lies in its line (event_view.h): how keyframes and
    // the cursor fold. (Another name, not an overload: TraceJson converts to anything.)
    void applyView(const EventView& event, std::size_t index);

    // About how many bytes a copy of this state holds (its containers' entries and the text they
    // own): what a keyframe costs (keyframes.h keeps their sum under a budget).
    std::size_t footprint() const;

    // Timers due at `now`: they run in the next "Run due timers" phase, in (due, id) order.
    std::vector<const TimerState*> dueTimers() const;
    bool operator==(const LoopState&) const = default;

private:
    // One fold per section of traces/SCHEMA.md, each for its own kinds (loop_state.cpp).
    void applyLifetime(std::string_view kind);
    void applyIteration(std::string_view kind, const EventView& event);
    void applyTimer(std::string_view kind, const EventView& event);
    void applyRegistration(std::string_view kind, const EventView& event);
    void applyError(std::string_view kind, const EventView& event);
    void applyThreadJob(std::string_view kind, const EventView& event);
    // HTTP (loop_state_http.cpp): its own kinds, and the TCP kinds that move a request along.
    void applyHttp(std::string_view kind, const EventView& event, std::size_t index);
    void applyHttpConnection(std::string_view kind, const EventView& event, std::size_t index);
    void forgetFinishedHttpRequests();
    // The objects named by id: any event that names one is its latest news (loop_state_objects.cpp).
    void applyPort(std::string_view kind, const EventView& event, std::size_t index);
    void applyConnection(std::string_view kind, const EventView& event, std::size_t index);
    void applyDeferred(std::string_view kind, const EventView& event, std::size_t index);
    void applyThread(std::string_view kind, const EventView& event, std::size_t index);
    std::vector<std::int64_t> finishedDeferreds_;
};

}  // namespace lab::viz
