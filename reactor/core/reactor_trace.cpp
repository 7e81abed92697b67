// Reactor: the events one turn records, built here and only when tracing is on.
// The phases (reactor.cpp) call these behind `if (tracer_.on())`. Kept out of the phases so that
// with tracing off a phase pays one test per event and stays small enough for the compiler to
// inline: tracing off then costs no throughput that can be measured against a build without
// trace calls (docs/bench/README.md). The kinds are in traces/SCHEMA.md; lesson 01 reads them
// turn by turn.
#include <vector>

#include "core/reactor.h"

namespace lab {

void Reactor::traceTimeoutComputed(std::optional<Duration> timeout, const char* reason) {
    tracer_.emit(kind::timeoutComputed, {{"timeout_ns", timeout}, {"reason", reason}});
}

// The interest set the wait is given: every fd watched for reading, and for writing.
void Reactor::traceWaitBegin(std::optional<Duration> timeout) {
    std::vector<int> readers;
    std::vector<int> writers;
    registrations_.forEach([&](int fd, const Registration& registration) {
        if (registration.reading) readers.push_back(fd);
        if (registration.writing) writers.push_back(fd);
    });
    tracer_.emit(kind::waitBegin, {{"timeout_ns", timeout}, {"readers", readers}, {"writers", writers}});
    interestChangesBefore_ = backend_->interestChangesApplied();
}

void Reactor::traceWaitEnd() {
    std::vector<int> readable;
    std::vector<int> writable;
    std::vector<int> disconnected;
    for (const Readiness& r : ready_) {
        if (r.readable) readable.push_back(r.fd);
        if (r.writable) writable.push_back(r.fd);
        if (r.disconnected) disconnected.push_back(r.fd);
    }
    // Only a backend that batches interest changes (epoll) says how many this wait applied, so
    // select and poll traces stay as they were.
    std::optional<std::uint64_t> changesNow = backend_->interestChangesApplied();
    if (changesNow && interestChangesBefore_) {
        tracer_.emit(kind::waitEnd, {{"readable", readable}, {"writable", writable}, {"disconnected", disconnected},
                                     {"interest_changes", *changesNow - *interestChangesBefore_}});
    } else {
        tracer_.emit(kind::waitEnd, {{"readable", readable}, {"writable", writable}, {"disconnected", disconnected}});
    }
}

void Reactor::traceReadyDispatch() { tracer_.emit(kind::readyDispatch, {{"ready", ready_.size()}}); }

void Reactor::traceHandlerCalled(int fd, const Handler& handler, const char* event) {
    tracer_.emit(kind::handlerCalled, {{"fd", fd}, {"handler", handler.logPrefix()}, {"event", event}});
}

}  // namespace lab
