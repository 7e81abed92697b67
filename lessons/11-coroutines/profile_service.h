// The simulated services of lesson 11, shared by its program, its exercise and the solution: a
// cache that already knows the user's id, a server whose answers come through deferLater after
// their latency (name and score 1 s, badge 5 s), and the card that combines them. No network: on
// a ManualClock the trace is the same on every run. Read: lessons/11-coroutines/lesson.md.
#pragma once

#include <chrono>
#include <string>

#include "core/reactor.h"
#include "deferred/defer_later.h"

namespace profile {

using namespace std::chrono_literals;
using lab::Deferred;
using lab::Value;

inline long millis(const lab::Reactor& reactor) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(reactor.now().time_since_epoch()).count();
}

// The local cache already knows the user's id: a Deferred that has fired before anyone asks.
inline Deferred lookupCache() { return lab::succeed(7); }

// The simulated server. Each key answers after its latency; the badge service is slow (5 s).
inline Deferred fetch(lab::Reactor& reactor, const std::string& key, const Value& userId) {
    if (key == "name") return lab::deferLater(reactor, 1s, [userId] { return userId == 7 ? "ada" : "?"; });
    if (key == "score") return lab::deferLater(reactor, 1s, [] { return 41; });
    return lab::deferLater(reactor, 5s, [] { return "gold"; });
}

inline Value describe(const Value& name, const Value& score, const Value& badge) {
    return name.get<std::string>() + ": " + std::to_string(score.get<int>()) + " points, badge: " +
           badge.get<std::string>();
}

}  // namespace profile
