// The fold, continued: the objects a trace names by id (ports, connections, Deferreds, the
// threaded baseline's threads); see loop_state.h. An event of any kind that carries one of their
// ids becomes that object's latest news; the kinds of its own section refine its state.
#include <algorithm>

#include "model/labels.h"
#include "model/loop_state.h"
#include "model/event_view.h"

namespace lab::viz {

// TCP: listening ports.
void LoopState::applyPort(std::string_view k, const EventView& event, std::size_t index) {
    std::int64_t id = intField(event, "port");
    PortState& port = ports[id];
    port.id = id;
    port.last = LastEvent{std::string(k), now, index};
    if (k == kind::portListening) {
        port.fd = fdField(event);
        port.interface = textField(event, "interface");
        port.listening = true;
    } else if (k == kind::portClosed) {
        port.listening = false;
    } else if (k == kind::connectionsAccepted) {
        port.accepted += intField(event, "accepted");
    }
}

// TCP (and HTTP, whose events name the connection): one connection's state and byte counts.
void LoopState::applyConnection(std::string_view k, const EventView& event, std::size_t index) {
    std::int64_t id = intField(event, "connection");
    ConnectionState& connection = connections[id];
    connection.id = id;
    connection.last = LastEvent{std::string(k), now, index};
    if (event.contains("fd")) connection.fd = fdField(event);
    if (event.contains("host")) connection.peer = textField(event, "host");
    if (event.contains("peer")) connection.peer = textField(event, "peer");
    if (event.contains("protocol")) connection.protocol = textField(event, "protocol");
    if (event.contains("handler") && connection.protocol.empty()) connection.protocol = textField(event, "handler");
    if (event.contains("buffered")) connection.bytesBuffered = intField(event, "buffered");
    std::int64_t bytes = intField(event, "bytes");
    if (k == kind::connectStarted) {
        connection.state = "connecting";
        connection.side = "client";
    } else if (k == kind::connectFailed) {
        connection.state = "failed";
        connection.reason = textField(event, "reason");
    } else if (k == kind::connectionMade) {
        connection.state = "open";
        connection.side = textField(event, "side");
    } else if (k == kind::bytesRead) {
        connection.bytesRead += bytes;
    } else if (k == kind::bytesSent) {
        connection.bytesSent += bytes;
    } else if (k == kind::loseConnection) {
        connection.state = "disconnecting";  // Twisted's transport.disconnecting
    } else if (k == kind::connectionAborted) {
        connection.state = "aborted";
        connection.bytesBuffered = 0;
    } else if (k == kind::readClosed) {
        connection.state = "peer stopped sending";
    } else if (k == kind::writeClosed) {
        connection.state = "write side closed";
    } else if (k == kind::producerPaused) {
        connection.producerPaused = true;
    } else if (k == kind::producerResumed) {
        connection.producerPaused = false;
    } else if (k == kind::connectionClosed) {
        connection.state = "closed";
        connection.reason = textField(event, "reason");
    }
}

// Deferreds: each one's pairs, how far its result has gone down them, and that result.
void LoopState::applyDeferred(std::string_view k, const EventView& event, std::size_t index) {
    std::int64_t id = intField(event, "deferred");
    DeferredState& deferred = deferreds[id];
    deferred.id = id;
    deferred.last = LastEvent{std::string(k), now, index};
    if (k == kind::deferredCreated) {
        deferred.label = textField(event, "label");
        deferred.at = textField(event, "at");
    } else if (k == kind::deferredPairAdded) {
        PairState pair;
        pair.number = intField(event, "pair", static_cast<std::int64_t>(deferred.pairs.size()) + 1);
        pair.side = textField(event, "side");
        pair.label = textField(event, "label");
        pair.at = textField(event, "at");
        deferred.pairs.push_back(std::move(pair));
    } else if (k == kind::deferredFired) {
        deferred.fired = true;
        deferred.resultIsFailure = boolField(event, "failed");
        deferred.result = textField(event, "result");
    } else if (k == kind::deferredCallbackRan) {
        // "output": null means the callback returned an unfired Deferred: the result is not known yet.
        std::optional<std::string> output = optionalTextField(event, "output");
        std::int64_t number = intField(event, "pair");
        auto ran = std::find_if(deferred.pairs.begin(), deferred.pairs.end(),
                                [&](const PairState& pair) { return pair.number == number; });
        if (ran != deferred.pairs.end()) {
            ran->ran = true;
            ran->ranSide = textField(event, "side");
            ran->input = textField(event, "input");
            ran->output = output.value_or("(an unfired Deferred)");
            deferred.pairsRun = static_cast<std::size_t>(ran - deferred.pairs.begin()) + 1;
        }
        if (output) deferred.result = *output;
        std::string next = textField(event, "next");
        if (next == "callback" || next == "errback") deferred.resultIsFailure = next == "errback";
    } else if (k == kind::deferredPaused) {
        deferred.paused = true;
        deferred.waitingOn = optionalIntField(event, "on");
    } else if (k == kind::deferredResumed) {
        deferred.paused = false;
        deferred.waitingOn.reset();
        if (event.contains("result")) deferred.result = textField(event, "result");
    } else if (k == kind::deferredCancelled) {
        deferred.cancelled = true;
    } else if (k == kind::deferredUnhandled) {
        deferred.unhandled = true;
        deferred.resultIsFailure = true;
        deferred.result = textField(event, "failure");
    }
}

// The threaded baseline's lanes (thread_started .. thread_exited).
void LoopState::applyThread(std::string_view k, const EventView& event, std::size_t index) {
    std::int64_t id = intField(event, "thread");
    ThreadState& thread = threads[id];
    thread.id = id;
    thread.last = LastEvent{std::string(k), now, index};
    thread.doing = std::string(labelOf(k));
    if (event.contains("name")) thread.name = textField(event, "name");
    if (k == kind::threadStarted) {
        thread.alive = true;
    } else if (k == kind::threadBlocked) {
        thread.blockedIn = textField(event, "call");
        thread.fd = fdField(event);
    } else if (k == kind::threadWoke) {
        thread.blockedIn.clear();
        thread.fd = static_cast<int>(intField(event, "fd", thread.fd));
        thread.bytes += std::max<std::int64_t>(0, intField(event, "bytes"));  // -1 is an error, not bytes
    } else if (k == kind::threadExited) {
        thread.blockedIn.clear();
        thread.alive = false;
        thread.exitReason = textField(event, "reason");
    }
}

}  // namespace lab::viz
