// The kind table; see labels.h. Keep it in the order and words of traces/SCHEMA.md.
#include "model/labels.h"

#include <cstdio>
#include <string>

#include "trace/trace_event.h"

namespace lab::viz {

namespace {

constexpr KindInfo kKinds[] = {
    // Reactor lifetime.
    {kind::runBegin, "Run begins", "run() starts: startup calls run, then the loop turns until stop().", KindGroup::lifetime, "Reactor::run"},
    {kind::stop, "Stop requested", "stop() was called: the loop finishes this iteration and then run() returns.", KindGroup::lifetime, "Reactor::stop"},
    {kind::runEnd, "Run ends", "run() returns: the loop is over.", KindGroup::lifetime, "Reactor::run"},
    // One iteration, phase by phase.
    {kind::iterationBegin, "Iteration begins", "Iteration {iter} of the loop begins.", KindGroup::loop, "Reactor::runOnce"},
    {kind::threadCallsRun, "Run thread calls", "Phase 0: {count} call(s) other threads queued with callFromThread run now; calls queued meanwhile wait for the next turn.", KindGroup::loop, "Reactor::runThreadCalls"},
    {kind::timersRun, "Run due timers", "Phase 1: {due} timer(s) are due at {t}; they run now, oldest first.", KindGroup::loop, "Reactor::runDueTimers"},
    {kind::timeoutComputed, "Compute the timeout", "Phase 2: the wait's timeout is {timeout_ns} ({reason}).", KindGroup::loop, "Reactor::computeTimeout"},
    {kind::waitBegin, "Wait for events", "Phase 3: the loop waits (timeout {timeout_ns}) until readers {readers} or writers {writers} are ready.", KindGroup::loop, "Reactor::waitForEvents"},
    {kind::waitEnd, "Events ready", "The wait returned: readable {readable}, writable {writable}, hung up {disconnected}.", KindGroup::loop, "Reactor::waitForEvents"},
    {kind::readyDispatch, "Dispatch ready handlers", "Phase 4: {ready} ready descriptor(s) get their handlers called, in fd order.", KindGroup::loop, "Reactor::dispatchReady"},
    {kind::handlerCalled, "Call handler", "fd {fd} is ready to {event}: the loop calls {handler}'s do{event}().", KindGroup::loop, "Reactor::dispatch"},
    {kind::iterationEnd, "Iteration ends", "Iteration {iter} is over; the next one starts with the due timers.", KindGroup::loop, "Reactor::runOnce"},
    // Timers.
    {kind::timerScheduled, "Timer scheduled", "callLater at {at}: timer {timer} will fire in {delay_ns}, at {due_ns}.", KindGroup::timer, "TimerQueue::schedule"},
    {kind::timerCancelled, "Timer cancelled", "Timer {timer} was cancelled: it will never fire.", KindGroup::timer, "DelayedCall::cancel"},
    {kind::timerReset, "Timer reset", "Timer {timer} was reset: it is now due at {due_ns}.", KindGroup::timer, "DelayedCall::reset, DelayedCall::delay"},
    {kind::timerFired, "Timer fired", "Timer {timer} is due: the loop calls its function now.", KindGroup::timer, "Reactor::runDueTimers"},
    // Handlers.
    {kind::readerAdded, "Reader added", "{handler} on fd {fd} is now watched for reading.", KindGroup::handler, "Reactor::addReader"},
    {kind::readerRemoved, "Reader removed", "{handler} on fd {fd} is no longer watched for reading.", KindGroup::handler, "Reactor::removeReader"},
    {kind::writerAdded, "Writer added", "{handler} on fd {fd} is now watched for writing.", KindGroup::handler, "Reactor::addWriter"},
    {kind::writerRemoved, "Writer removed", "{handler} on fd {fd} is no longer watched for writing.", KindGroup::handler, "Reactor::removeWriter"},
    {kind::fdRefused, "Descriptor refused", "The {backend} backend cannot watch fd {fd}: {reason}", KindGroup::handler, "Reactor::addReader/addWriter"},
    {kind::connectionLost, "Connection lost", "{handler} on fd {fd} was disconnected: {reason}", KindGroup::handler, "the reactor (a handler threw, or its fd hung up)"},
    // Errors.
    {kind::errorLogged, "Error logged", "{source} threw {error}; the loop logged it and goes on.", KindGroup::error, "the reactor (Reactor::logError)"},
    // Deferreds.
    {kind::deferredCreated, "Deferred created", "Deferred {deferred} ({label}) was made at {at}: no result yet, no callbacks yet.", KindGroup::deferred, "Deferred::Deferred"},
    {kind::deferredPairAdded, "Pair added", "Deferred {deferred} gets pair {pair} on its ladder: {side} \"{label}\" (added at {at}).", KindGroup::deferred, "addCallback/addErrback/addBoth/addCallbacks, the chain runner"},
    {kind::deferredFired, "Deferred fired", "Deferred {deferred} got its result ({result}); its callbacks run now, top to bottom.", KindGroup::deferred, "Deferred::callback, errback"},
    {kind::deferredCallbackRan, "Callback ran", "Deferred {deferred}, pair {pair}: the {side} \"{label}\" took {input} and returned {output}; the chain goes on with the {next} side.", KindGroup::deferred, "the chain runner (reactor/deferred/run_callbacks.cpp)"},
    {kind::deferredPaused, "Deferred paused", "Deferred {deferred} pauses: a callback returned Deferred {on}, and the chain waits for it.", KindGroup::deferred, "the chain runner, Deferred::pause"},
    {kind::deferredResumed, "Deferred resumed", "Deferred {deferred} resumes with {result} (from Deferred {from}).", KindGroup::deferred, "the chain runner, Deferred::unpause"},
    {kind::deferredCancelled, "Deferred cancelled", "Deferred {deferred} was cancelled while {state}.", KindGroup::deferred, "Deferred::cancel"},
    {kind::deferredTimedOut, "Deferred timed out", "Deferred {deferred} did not fire within {timeout_ns}: addTimeout cancels it, and the chain goes on with a TimeoutError.", KindGroup::deferred, "the timer of Deferred::addTimeout"},
    {kind::deferredUnhandled, "Unhandled error in Deferred", "Deferred {deferred} ({label}) was destroyed holding a failure nobody handled: {failure}.", KindGroup::error, "a Deferred destroyed with an unhandled Failure"},
    // TCP.
    {kind::portListening, "Listening", "Port {port} listens on fd {fd} ({interface}): its doRead() accepts clients.", KindGroup::connection, "ListeningPort::startListening (listenTCP)"},
    {kind::portClosed, "Port closed", "Port {port} stopped listening; fd {fd} is closed.", KindGroup::connection, "ListeningPort::stopListening"},
    {kind::connectionsAccepted, "Connections accepted", "Port {port} accepted {accepted} client(s) in one doRead(); next time it may take {next_limit}.", KindGroup::connection, "ListeningPort::doRead"},
    {kind::acceptFailed, "Accept failed", "Port {port} could not accept: {error}; it {action}.", KindGroup::error, "ListeningPort::doRead"},
    {kind::connectStarted, "Connecting", "Connection {connection} is connecting to {host} on fd {fd}.", KindGroup::connection, "Connector::connect (connectTCP)"},
    {kind::connectFailed, "Connect failed", "Connection {connection} failed to connect: {reason}", KindGroup::error, "Connector"},
    {kind::connectionMade, "Connection made", "Connection {connection} is up on fd {fd} ({side} side): the protocol's connectionMade() runs.", KindGroup::connection, "TcpTransport::start"},
    {kind::bytesRead, "Bytes read", "Connection {connection} read {bytes} byte(s); dataReceived() gets them next.", KindGroup::connection, "TcpTransport::doRead"},
    {kind::bytesBuffered, "Bytes buffered", "write() on connection {connection} queued {bytes} byte(s); {buffered} now wait to be sent.", KindGroup::connection, "TcpTransport::write"},
    {kind::bytesSent, "Bytes sent", "Connection {connection} sent {bytes} byte(s); {buffered} still wait.", KindGroup::connection, "TcpTransport::doWrite"},
    {kind::loseConnection, "Lose connection requested", "loseConnection() on connection {connection}: {buffered} buffered byte(s) are flushed first.", KindGroup::connection, "TcpTransport::loseConnection"},
    {kind::connectionAborted, "Connection aborted", "abortConnection() on connection {connection}: {dropped} buffered byte(s) dropped.", KindGroup::connection, "TcpTransport::abortConnection"},
    {kind::readClosed, "Peer stopped sending", "The peer of connection {connection} closed its side: no more data will come.", KindGroup::connection, "TcpTransport::doRead"},
    {kind::writeClosed, "Write side closed", "Connection {connection} finished sending and closed its write side.", KindGroup::connection, "TcpTransport"},
    {kind::producerPaused, "Producer paused", "Connection {connection} has {buffered} byte(s) waiting (above the high-water mark): its producer is paused.", KindGroup::connection, "TcpTransport::write"},
    {kind::producerResumed, "Producer resumed", "Connection {connection}'s buffer drained to {buffered}: its producer resumes.", KindGroup::connection, "TcpTransport::doWrite"},
    {kind::connectionClosed, "Connection closed", "Connection {connection} on fd {fd} is closed: {reason}", KindGroup::connection, "TcpTransport::connectionLost"},
    // HTTP.
    {kind::httpRequest, "HTTP request", "Connection {connection} delivered a whole request, {method} {target}: its request handler runs now.", KindGroup::connection, "HttpChannel::handle"},
    {kind::httpResponse, "HTTP response", "Connection {connection} gets its response, status {status}, {bytes} bytes, in request order.", KindGroup::connection, "HttpChannel::writeResponse"},
    {kind::sseBroadcast, "Event broadcast", "Event {event} goes to {clients} client(s) at once: one write of {bytes} bytes to each.", KindGroup::connection, "EventBroadcaster::broadcast"},
    // Threads meeting the reactor.
    {kind::threadJobQueued, "Job sent to a thread", "deferToThread queued job {job} on the thread pool; Deferred {deferred} fires when its result comes back.", KindGroup::thread, "deferToThread"},
    {kind::threadJobDone, "Job result back", "Job {job}'s result is back on the reactor thread (ok: {ok}): its Deferred fires now.", KindGroup::thread, "deferToThread (through callFromThread)"},
    {kind::signalReceived, "Signal received", "The loop noticed {signal} (its handler only wrote a byte to the Waker): it calls stop() now.", KindGroup::lifetime, "Reactor::runThreadCalls (installSignalHandlers)"},
    // The threaded baseline (tools/threaded_echo_server.cpp): one lane per thread.
    {kind::threadStarted, "Thread started", "Thread {thread} ({name}) starts.", KindGroup::thread, "each thread, first thing"},
    {kind::threadBlocked, "Thread blocked", "Thread {thread} blocks in {call}() on fd {fd}: the kernel parks it until the call can finish.", KindGroup::thread, "before each blocking call"},
    {kind::threadWoke, "Thread woke", "Thread {thread} woke from {call}() on fd {fd} ({bytes} bytes).", KindGroup::thread, "after the call returns"},
    {kind::threadExited, "Thread exited", "Thread {thread} ends: {reason}.", KindGroup::thread, "each thread, last thing"},
};

std::string formatList(const TraceJson& list) {
    if (list.empty()) return "none";
    std::string out;
    for (const auto& item : list) {
        if (!out.empty()) out += ", ";
        out += item.is_string() ? item.get<std::string>() : item.dump();
    }
    return out;
}

bool isDurationKey(std::string_view key) {
    return key == "t" || (key.size() > 3 && key.substr(key.size() - 3) == "_ns");
}

}  // namespace

const KindInfo* findKind(std::string_view kind) {
    for (const KindInfo& info : kKinds) {
        if (info.kind == kind) return &info;
    }
    return nullptr;
}

std::string_view labelOf(std::string_view kind) {
    const KindInfo* info = findKind(kind);
    return info ? info->label : kind;
}

KindGroup groupOf(std::string_view kind) {
    const KindInfo* info = findKind(kind);
    return info ? info->group : KindGroup::unknown;
}

std::string_view groupName(KindGroup group) {
    switch (group) {
        case KindGroup::lifetime: return "lifetime";
        case KindGroup::loop: return "loop";
        case KindGroup::timer: return "timer";
        case KindGroup::handler: return "handler";
        case KindGroup::error: return "error";
        case KindGroup::connection: return "connection";
        case KindGroup::deferred: return "deferred";
        case KindGroup::thread: return "thread";
        case KindGroup::unknown: return "unknown";
    }
    return "unknown";
}

std::size_t knownKindCount() { return std::size(kKinds); }
const KindInfo& knownKind(std::size_t i) { return kKinds[i]; }

std::string formatDuration(std::int64_t ns) {
    if (ns == 0) return "0";
    char buffer[48];
    double v = static_cast<double>(ns);
    std::int64_t magnitude = ns < 0 ? -ns : ns;
    if (magnitude < 1000) {
        std::snprintf(buffer, sizeof buffer, "%lld ns", static_cast<long long>(ns));
    } else if (magnitude < 1000000) {
        std::snprintf(buffer, sizeof buffer, "%.4g us", v / 1e3);
    } else if (magnitude < 1000000000) {
        std::snprintf(buffer, sizeof buffer, "%.4g ms", v / 1e6);
    } else {
        std::snprintf(buffer, sizeof buffer, "%.4g s", v / 1e9);
    }
    return buffer;
}

std::string formatField(std::string_view key, const TraceJson& value) {
    if (value.is_null()) return key == "timeout_ns" ? "infinite" : key == "output" ? "an unfired Deferred" : "none";
    if (value.is_string()) return value.get<std::string>();
    if (value.is_array()) return formatList(value);
    if (value.is_number_integer() && isDurationKey(key)) return formatDuration(value.get<std::int64_t>());
    return value.dump();
}

std::string explain(const TraceJson& event) {
    std::string kind = event.value("kind", std::string());
    const KindInfo* info = findKind(kind);
    if (!info) {
        std::string out = "A \"" + kind + "\" event (a kind this visualizer does not know yet)";
        std::string fields;
        for (const auto& [key, value] : event.items()) {
            if (key == "seq" || key == "t" || key == "iter" || key == "kind") continue;
            fields += (fields.empty() ? "" : ", ") + key + " " + formatField(key, value);
        }
        return fields.empty() ? out + "." : out + ": " + fields + ".";
    }
    std::string out;
    std::string_view text = info->explain;
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::size_t close = text[i] == '{' ? text.find('}', i) : std::string_view::npos;
        if (close == std::string_view::npos) {
            out += text[i];
            continue;
        }
        std::string key(text.substr(i + 1, close - i - 1));
        if (key == "event" && event.contains("event") && event["event"].is_string()) {
            // "doread" reads badly: capitalise the event name where it follows "do".
            std::string name = event["event"].get<std::string>();
            if (!out.empty() && out.size() >= 2 && out.substr(out.size() - 2) == "do" && !name.empty()) {
                name[0] = static_cast<char>(name[0] - 'a' + 'A');
            }
            out += name;
        } else if (event.contains(key)) {
            out += formatField(key, event[key]);
        } else {
            out += "?";
        }
        i = close;
    }
    // epoll's wait first brings the kernel's interest set up to date (traces/SCHEMA.md, wait_end).
    if (kind == kind::waitEnd && event.contains("interest_changes") && event["interest_changes"].is_number_integer() &&
        !out.empty()) {
        std::int64_t changes = event["interest_changes"].get<std::int64_t>();
        out.insert(out.size() - 1, changes == 0 ? "; the kernel's interest set needed no change (no epoll_ctl)"
                                                : "; before waiting, " + std::to_string(changes) +
                                                      " epoll_ctl call(s) brought the kernel's interest set up to date");
    }
    // A trace of real Twisted names the function Twisted really calls (traces/SCHEMA.md, "Traces
    // from Twisted"): a connecting tcp.Client's doWrite is its doConnect.
    if (kind == kind::handlerCalled && event.contains("method") && event["method"].is_string() &&
        out.size() > 5 && out.find("'s " + event["method"].get<std::string>() + "()") == std::string::npos) {
        out.insert(out.size() - 1, ", which is its " + event["method"].get<std::string>() + "()");
    }
    return out;
}

}  // namespace lab::viz
