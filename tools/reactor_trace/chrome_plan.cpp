// planChromeExport; see chrome_plan.h.
#include "chrome_plan.h"

#include <map>

#include "trace/trace_event.h"
#include "trace/trace_fields.h"

namespace lab::cli {

std::int64_t deferredOf(const TraceJson& event) { return intField(event, "deferred", -1); }

bool beginsSpan(const TraceJson& event, bool spanOpen) {
    return !spanOpen || event["kind"].get_ref<const std::string&>() == kind::deferredCreated;
}

ChromePlan planChromeExport(std::istream& in, const std::string& name, std::ostream& problems) {
    ChromePlan plan;
    TraceStream stream(in, name);
    std::map<std::int64_t, std::size_t> openSpan;  // Deferred id -> its span's place in spanEnds
    auto report = [&] {
        for (const TraceProblem& problem : stream.takeProblems()) {
            problems << problem.toString() << "\n";
            ++plan.problems;
        }
    };
    TraceJson event;
    while (stream.next(event)) {
        report();
        std::int64_t id = deferredOf(event);
        if (id >= 0) {
            auto found = openSpan.find(id);
            if (beginsSpan(event, found != openSpan.end())) {
                openSpan[id] = plan.spanEnds.size();
                plan.spanEnds.push_back(plan.events);
            } else {
                plan.spanEnds[found->second] = plan.events;
            }
        }
        ++plan.events;
    }
    report();
    return plan;
}

}  // namespace lab::cli
