// The check of exercise 02 (exercise.cpp): a third handler, AlertReader, registered, called in the
// same turn as the other two at 2 s, and removed at 6 s before the loop stops.
// Run: ./scripts/run --check-exercise 02
#include <algorithm>

#include "exercise_check.h"

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

std::int64_t timeOf(const lab::TraceJson* event) { return event->value("t", std::int64_t{-1}); }
std::string handlerOf(const lab::TraceJson* event) { return event->value("handler", std::string{}); }

}  // namespace

int main(int argc, char** argv) {
    lesson::ExerciseCheck check(argc, argv, "Exercise 02 · a third handler");
    if (!check.run()) return check.finish();

    auto added = check.ofKind("reader_added");
    bool registered = std::any_of(added.begin(), added.end(), [](auto* e) { return handlerOf(e) == "AlertReader"; });
    check.expect(registered, "a handler named AlertReader is registered for reading",
                 "make a third pattern::Channel and a LineReader on its inside end named \"AlertReader\", "
                 "then reactor.addReader(alertReader)");

    // The three handlers called in one turn at 2 s: the backend reported three ready descriptors.
    bool oneTurn = false;
    for (const auto* dispatch : check.ofKind("ready_dispatch")) {
        if (timeOf(dispatch) != 2 * kSecond || dispatch->value("ready", 0) != 3) continue;
        std::vector<std::string> called;
        for (const auto* e : check.ofKind("handler_called")) {
            if (e->value("iter", 0) == dispatch->value("iter", 0)) called.push_back(handlerOf(e));
        }
        std::sort(called.begin(), called.end());
        oneTurn = called == std::vector<std::string>{"AlertReader", "ChatReader", "LogReader"};
    }
    check.expect(oneTurn, "at 2 s one turn of the loop calls all three handlers",
                 "write \"disk almost full\\n\" into the alert channel inside the 2 s timer, next to the "
                 "other two sends, so all three descriptors are readable when the backend waits");

    check.expect(check.output().find("[AlertReader] line: disk almost full\n") != std::string::npos,
                 "AlertReader prints the line \"disk almost full\"",
                 "send exactly \"disk almost full\\n\": LineReader prints a line only when its newline arrives");

    auto removed = check.ofKind("reader_removed");
    auto alertRemoved = std::find_if(removed.begin(), removed.end(), [](auto* e) { return handlerOf(e) == "AlertReader"; });
    bool removedAt6 = alertRemoved != removed.end() && timeOf(*alertRemoved) == 6 * kSecond &&
                      check.output().find("[AlertReader] end of input\n") != std::string::npos;
    check.expect(removedAt6, "AlertReader sees end of input at 6 s and unregisters itself",
                 "add reactor.callLater(6s, ...) that calls alert.closeOutside(); the handler then reads "
                 "end-of-file and removes itself");

    auto stops = check.ofKind("stop");
    bool stopsLast = stops.size() == 1 && removedAt6 && stops[0]->value("seq", 0) > (*alertRemoved)->value("seq", 0) &&
                     !check.ofKind("run_end").empty();
    check.expect(stopsLast, "the loop stops once, after all three handlers have seen end of input",
                 "count three open handlers (int open = 3), so the stop comes from the last one to close, "
                 "not from the 5 s closes of the other two");
    return check.finish();
}
