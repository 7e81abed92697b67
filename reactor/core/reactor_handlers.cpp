// Reactor: registering handlers (addReader, addWriter, removeReader, removeWriter, removeAll),
// and saying so when one is refused (reportRefusal).
// The reactor keeps fd -> (handler, reading, writing); the backend is told only fds and interest.
// Taught in lessons/02-reactor-pattern; tested in tests/core/reactor_test.cpp.
#include <algorithm>
#include <string>

#include "core/errors.h"
#include "core/reactor.h"
#include "core/waker.h"

namespace lab {

void Reactor::addReader(Handler& handler) { changeInterest(handler, Direction::read, true); }
void Reactor::addWriter(Handler& handler) { changeInterest(handler, Direction::write, true); }
void Reactor::removeReader(Handler& handler) { changeInterest(handler, Direction::read, false); }
void Reactor::removeWriter(Handler& handler) { changeInterest(handler, Direction::write, false); }

// The Waker is the reactor's own and stays (Twisted's removeAll keeps its internal readers too).
std::vector<Handler*> Reactor::removeAll() {
    std::vector<Handler*> removed;
    const Handler* waker = waker_.get();
    std::vector<Handler*> all;
    registrations_.forEach([&](int, const Registration& r) {
        if (r.handler != waker) all.push_back(r.handler);
    });
    for (Handler* handler : all) {
        removed.push_back(handler);
        removeReader(*handler);
        removeWriter(*handler);
    }
    return removed;
}

std::vector<Handler*> Reactor::getReaders() const {
    std::vector<Handler*> readers;
    registrations_.forEach([&](int, const Registration& r) {
        if (r.reading) readers.push_back(r.handler);
    });
    return readers;
}

std::vector<Handler*> Reactor::getWriters() const {
    std::vector<Handler*> writers;
    registrations_.forEach([&](int, const Registration& r) {
        if (r.writing) writers.push_back(r.handler);
    });
    return writers;
}

void Reactor::changeInterest(Handler& handler, Direction direction, bool wanted) {
    int knownFd = registrations_.fdOf(handler);
    bool known = knownFd >= 0;
    if (!known && !wanted) return;  // removing what was never added does nothing, as in Twisted
    int fd = known ? knownFd : handler.fileno();
    if (!known) {
        if (fd < 0) throw std::invalid_argument(handler.logPrefix() + ": cannot watch fd " + std::to_string(fd));
        if (const Registration* other = registrations_.find(fd)) {
            throw std::logic_error(handler.logPrefix() + ": fd " + std::to_string(fd) + " is already watched for " +
                                   other->handler->logPrefix());
        }
    }
    Registration next = known ? *registrations_.find(fd) : Registration{&handler, false, false};
    bool& flag = direction == Direction::read ? next.reading : next.writing;
    if (flag == wanted) return;  // already so
    flag = wanted;

    try {
        backend_->setInterest(fd, next.reading, next.writing);
    } catch (const FdOutOfRange& refused) {
        tracer_.emit(kind::fdRefused, {{"fd", fd}, {"backend", backend_->name()}, {"reason", refused.what()}});
        throw;
    }
    if (next.reading || next.writing) {
        registrations_.set(fd, next);
    } else {
        registrations_.erase(fd);
    }
    if (tracer_.on()) {
        auto what = direction == Direction::read ? (wanted ? kind::readerAdded : kind::readerRemoved)
                                                 : (wanted ? kind::writerAdded : kind::writerRemoved);
        tracer_.emit(what, {{"fd", fd}, {"handler", handler.logPrefix()}});
    }
}

// The count of a flood is printed when its second ends, by a timer, so it comes even if the
// loop then sits idle; only one such timer is pending at a time.
void Reactor::reportRefusal(std::string_view what) {
    refusals_.refused(clock_->now(), what);
    std::optional<TimePoint> due = refusals_.countDueAt();
    if (!due || (refusalCount_ && refusalCount_->active())) return;
    refusalCount_ = callLater(std::max(*due - clock_->now(), Duration::zero()), [this] {
        refusalCount_.reset();
        refusals_.secondOver(clock_->now());
    });
}

void Reactor::flushRefusals() {
    if (refusalCount_ && refusalCount_->active()) refusalCount_->cancel();
    refusalCount_.reset();
    refusals_.flush();
}

}  // namespace lab
