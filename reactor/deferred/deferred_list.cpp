// DeferredList and gatherResults; see deferred_list.h.
#include "deferred/deferred_list.h"

#include <iostream>
#include <memory>
#include <string>

#include "core/errors.h"
#include "deferred/deferred_state.h"
#include "deferred/deferred_tracing.h"

namespace lab {

FirstError::FirstError(Failure failure, std::size_t index_)
    : std::runtime_error("deferred #" + std::to_string(index_) + " failed first: " + failure.summary()),
      subFailure(std::move(failure)),
      index(index_) {}

// What the inputs' pairs share: filled in as the Deferreds fire. `results` is the JSON array
// the list fires with; `entries` the same with the real Failures, for addEntriesCallback.
struct DeferredList::Collector {
    Value results = Value::array();
    std::vector<DeferredListEntry> entries;
    std::size_t finished = 0;
    bool fireOnOneCallback = false;
};

const std::vector<DeferredListEntry>& DeferredList::entriesOf(const Collector& collector) { return collector.entries; }

void DeferredList::requireEntries() const {
    if (collector_->fireOnOneCallback) {
        throw std::logic_error("DeferredList::addEntriesCallback: a list with fireOnOneCallback fires with one value, "
                               "not with entries");
    }
}

namespace {

// An input's canceller threw: logged, and the next input is still cancelled, as in Twisted's
// DeferredList.cancel ("Exception raised from user supplied canceller"). That input stays
// unfired, and so does the list until it fires.
void logCancellerError(const Deferred& list, const Deferred& input) {
    std::string source = "canceller of deferred " + std::to_string(input.id()) + " (in deferred " +
                         std::to_string(list.id()) + ", " + list.label() + ")";
    std::string error = describeException(std::current_exception());
    std::cerr << "reactor-lab: unhandled error in " << source << ": " << error << "\n";
    if (Tracer* tracer = DeferredTracing::current()) {
        tracer->emit(kind::errorLogged, {{"source", source}, {"error", error}});
    }
}

// The canceller refers to the Deferreds weakly: each of them owns the list (through its pair),
// so owning them back would be a cycle that is never freed. One already gone cannot be cancelled.
Deferred::Canceller cancelAll(const std::vector<Deferred>& deferreds) {
    std::vector<std::weak_ptr<Deferred::State>> weak;
    for (const Deferred& d : deferreds) weak.push_back(DeferredAccess::state(d));
    return [weak](Deferred& list) {
        for (const auto& each : weak) {
            auto state = each.lock();
            if (!state) continue;
            Deferred input = DeferredAccess::handle(state);
            try {
                input.cancel();
            } catch (...) {
                logCancellerError(list, input);
            }
        }
    };
}
}  // namespace

DeferredList::DeferredList(std::vector<Deferred> deferreds, DeferredListOptions options, std::source_location where)
    : Deferred(cancelAll(deferreds), "DeferredList", where) {
    DeferredAccess::state(*this)->cancellerDecides = true;
    collector_ = std::make_shared<Collector>();
    auto collector = collector_;
    collector->fireOnOneCallback = options.fireOnOneCallback;
    collector->entries.resize(deferreds.size());
    for (std::size_t i = 0; i < deferreds.size(); ++i) collector->results.push_back(nullptr);
    if (deferreds.empty() && !options.fireOnOneCallback) callback(collector->results);
    // Each Deferred in the list owns the list through its pair, as in Twisted: a list that
    // nobody else holds still fires (and resumes whatever waits on it).
    std::shared_ptr<State> self = DeferredAccess::state(*this);
    const std::size_t count = deferreds.size();
    for (std::size_t index = 0; index < count; ++index) {
        auto record = [collector, self, index, count, options](Result result) -> Outcome {
            bool succeeded = !result.isFailure();
            collector->results[index] = Value::array({succeeded, result.summary()});
            if (succeeded) collector->results[index][1] = result.value();
            collector->entries[index] = DeferredListEntry{succeeded, result};
            ++collector->finished;
            if (!self->called) {
                Deferred list = DeferredAccess::handle(self);
                if (succeeded && options.fireOnOneCallback) {
                    list.callback(Value::array({result.value(), index}));
                } else if (!succeeded && options.fireOnOneErrback) {
                    list.errback(FirstError(result.failure(), index));
                } else if (collector->finished == count) {
                    list.callback(collector->results);
                }
            }
            if (!succeeded && options.consumeErrors) return Value();
            return result;
        };
        deferreds[index].addBoth(record, "DeferredList #" + std::to_string(index), where);
    }
}

Deferred gatherResults(std::vector<Deferred> deferreds, bool consumeErrors, std::source_location where) {
    DeferredList list(std::move(deferreds), {.fireOnOneErrback = true, .consumeErrors = consumeErrors}, where);
    list.addCallback(
        [](const Value& pairs) {
            Value values = Value::array();
            for (const Value& pair : pairs) values.push_back(pair[1]);
            return values;
        },
        "gatherResults: unwrap", where);
    return list;
}

}  // namespace lab
