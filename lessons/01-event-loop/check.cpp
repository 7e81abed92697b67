// The check of exercise 01 (exercise.cpp): three ticks at 1, 2 and 3 s, each scheduled by the
// one before, and the loop stopped by the third. Run: ./scripts/run --check-exercise 01
#include "exercise_check.h"

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

std::int64_t timeOf(const lab::TraceJson* event) { return event->value("t", std::int64_t{-1}); }

}  // namespace

int main(int argc, char** argv) {
    lesson::ExerciseCheck check(argc, argv, "Exercise 01 · a clock that ticks by itself");
    if (!check.run()) return check.finish();

    auto fired = check.ofKind("timer_fired");
    bool threeTicks = fired.size() == 3 && timeOf(fired[0]) == 1 * kSecond &&
                      timeOf(fired[1]) == 2 * kSecond && timeOf(fired[2]) == 3 * kSecond;
    check.expect(threeTicks, "exactly three timers fire, at 1 s, 2 s and 3 s",
                 "schedule the first tick at 1s from main, and each next one 1s later from tick()");

    // A tick schedules the next: a timer_scheduled right after a timer_fired, in the same
    // iteration, due one second later.
    auto scheduledBy = [&](const lab::TraceJson* tick) {
        for (const auto* e : check.ofKind("timer_scheduled")) {
            if (e->value("iter", 0) == tick->value("iter", 0) && e->value("seq", 0) > tick->value("seq", 0) &&
                e->value("due_ns", std::int64_t{0}) == timeOf(tick) + kSecond) return true;
        }
        return false;
    };
    check.expect(threeTicks && scheduledBy(fired[0]) && scheduledBy(fired[1]),
                 "tick 1 schedules tick 2, and tick 2 schedules tick 3",
                 "main calls callLater once; the other ticks come from reactor.callLater(1s, ...) inside tick()");

    auto stops = check.ofKind("stop");
    check.expect(stops.size() == 1 && timeOf(stops[0]) == 3 * kSecond && !check.ofKind("run_end").empty(),
                 "the loop is stopped at 3 s and run() returns",
                 "call reactor.stop() in the third tick, and remove the 5 s safety net");

    bool printed = check.output().find("tick 1\ntick 2\ntick 3\n") != std::string::npos;
    check.expect(printed, "the program prints tick 1, tick 2, tick 3", "keep the print at the top of tick()");
    return check.finish();
}
