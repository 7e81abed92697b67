// runUntil: turn a real reactor until a condition holds, with a bound instead of a timeout.
#pragma once

#include "core/reactor.h"

namespace lab::test {

// Turn the loop until `done()` or `maxTurns` turns; the result of done(). No timers pending:
// each turn blocks until something is ready, so this needs no sleeps and no timing.
template <class Predicate>
bool runUntil(Reactor& reactor, Predicate done, int maxTurns = 200) {
    for (int turn = 0; turn < maxTurns && !done(); ++turn) reactor.runOnce();
    return done();
}

}  // namespace lab::test
