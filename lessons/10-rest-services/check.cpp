// The check of exercise 10 (exercise.cpp): a failed orders call becomes "orders": null and the
// profile is still 200; a failed users call is still a 502. Run: ./scripts/run --check-exercise 10
#include <cstdint>
#include <set>

#include "exercise_check.h"

int main(int argc, char** argv) {
    lesson::ExerciseCheck check(argc, argv, "Exercise 10 · a gateway that degrades instead of failing");
    if (!check.run()) return check.finish();

    // The caller prints one line per profile: "GET /profile/ID -> STATUS BODY".
    auto line = [&](const std::string& id) {
        const std::string& out = check.output();
        std::size_t start = out.find("GET /profile/" + id + " -> ");
        return start == std::string::npos ? std::string() : out.substr(start, out.find('\n', start) - start);
    };
    check.expect(line("8").find("-> 200") != std::string::npos && line("8").find("\"orders\":null") != std::string::npos,
                 "profile 8 (orders too slow) answers 200 with \"orders\": null",
                 "add an errback to the orders call alone, before gatherResults, that returns Value(nullptr)");
    check.expect(line("7").find("-> 200") != std::string::npos && line("7").find("\"orders\":[\"tea\",\"scones\"]") != std::string::npos,
                 "profile 7 still has its orders",
                 "the errback runs only when the call failed: use addErrback, not addCallback or addBoth");
    check.expect(line("9").find("-> 502") != std::string::npos,
                 "profile 9 (users failed) still answers 502",
                 "leave the users call without an errback: a profile without its user is an error");

    // In the trace: the orders call for user 8 switches from errback to callback on its own
    // Deferred, in a step of yours, before gatherResults sees a failure.
    std::set<std::int64_t> ordersOf8;
    for (const auto* e : check.ofKind("deferred_created")) {
        if (e->value("label", "") == "GET /orders/8") ordersOf8.insert(e->value("deferred", std::int64_t{0}));
    }
    bool recovered = false;
    for (const auto* e : check.ofKind("deferred_callback_ran")) {
        // gatherResults' own step ("DeferredList #1") swallows the error too, but only after the fact.
        bool mine = e->value("label", "").rfind("DeferredList", 0) != 0;
        recovered |= mine && ordersOf8.count(e->value("deferred", std::int64_t{0})) && e->value("side", "") == "errback" &&
                     e->value("next", "") == "callback";
    }
    check.expect(recovered, "the orders call for user 8 recovers on its own Deferred (errback, then back to callback)",
                 "put the errback on the Deferred that fetchJson returns for orders, not on the gathered one");
    return check.finish();
}
