// The check of exercise 11 (exercise.cpp): the coroutine starts the name and score fetches
// together, still gives the badge its 2 s timeout, and has the card at 3 s instead of 4 s.
// Run: ./scripts/run --check-exercise 11
#include "exercise_check.h"

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

std::int64_t timeOf(const lab::TraceJson* event) { return event->value("t", std::int64_t{-1}); }

}  // namespace

int main(int argc, char** argv) {
    lesson::ExerciseCheck check(argc, argv, "Exercise 11 · two fetches at once");
    if (!check.run()) return check.finish();

    // The name and score fetches are the deferLater timers of 1 s.
    std::vector<const lab::TraceJson*> fetches;
    for (const auto* e : check.ofKind("timer_scheduled")) {
        if (e->value("delay_ns", std::int64_t{0}) == 1 * kSecond) fetches.push_back(e);
    }
    check.expect(fetches.size() == 2, "the name and the score are each fetched once",
                 "call profile::fetch once with \"name\" and once with \"score\"");
    check.expect(fetches.size() == 2 && timeOf(fetches[0]) == 0 && timeOf(fetches[1]) == 0 &&
                     fetches[0]->value("iter", -1) == fetches[1]->value("iter", -1),
                 "both fetches start at 0 s, in the same turn",
                 "make both Deferreds (nameFetch and scoreFetch) before the first co_await on either; "
                 "co_await suspends the coroutine, so a fetch made after it starts a second later");

    bool badgeTimeout = false;
    for (const auto* e : check.ofKind("timer_scheduled")) {
        if (e->value("delay_ns", std::int64_t{0}) == 2 * kSecond) badgeTimeout = true;
    }
    check.expect(badgeTimeout, "the badge fetch still gets its 2 s timeout",
                 "keep the badge part as it was: badgeFetch.addTimeout(2s, reactor) before awaiting it");

    // The coroutine's own Deferred: the one whose label is "coroutine".
    int coroutine = -1;
    for (const auto* e : check.ofKind("deferred_created")) {
        if (e->value("label", std::string{}) == "coroutine") coroutine = e->value("deferred", -1);
    }
    const lab::TraceJson* fired = nullptr;
    for (const auto* e : check.ofKind("deferred_fired")) {
        if (coroutine >= 0 && e->value("deferred", -2) == coroutine) fired = e;
    }
    bool card = fired && !fired->value("failed", true) &&
                fired->value("result", std::string{}).find("ada: 41 points, badge: none") != std::string::npos;
    check.expect(card, "the coroutine's Deferred fires with the card \"ada: 41 points, badge: none\"",
                 "catch lab::TimeoutError around the badge's co_await and use \"none\"; co_return "
                 "profile::describe(name, score, badge)");
    check.expect(card && timeOf(fired) == 3 * kSecond, "the card is ready at 3 s, a second sooner than before",
                 "1 s for name and score side by side, then 2 s of badge timeout: if it is 4 s, the two "
                 "fetches still wait one after the other");

    check.expect(check.output().find("t=3000ms card: ") != std::string::npos, "the program prints the card at 3000 ms",
                 "the card comes when both fetches are done: start both before the first co_await (see the checks above)");
    return check.finish();
}
