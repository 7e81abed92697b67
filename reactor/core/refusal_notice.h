// RefusalNotice: the line on standard error that says a descriptor was refused, at most one a
// second, with a count of the rest.
//
// A ListeningPort on select() that accepts a descriptor >= FD_SETSIZE closes that client and
// goes on serving (lesson 02). Without this notice that is visible only as an accept_failed event
// in a trace: with tracing off, the silent drop Twisted's select reactor is known for. So the
// first refusal in a second prints at once, what was refused with the limit and the way out;
// the ones that follow in that second are only counted, and the count is printed when the
// second is over (RefusalNotice::secondOver, which the reactor schedules) or when the loop
// stops (flush). Time is the reactor's clock, so a test with a ManualClock sees exact seconds.
// It only formats and counts; the Reactor owns one (Reactor::reportRefusal) and schedules it.
// Tested in tests/core/refusal_notice_test.cpp and tests/transport/listening_port_test.cpp.
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "clock/clock.h"

namespace lab {

class RefusalNotice {
public:
    // Lines go to `out` (not owned; nullptr: std::cerr), each starting "reactor-lab: ".
    explicit RefusalNotice(std::ostream* out = nullptr);

    // A refusal at `now`, said in full: "closed a new client on port 8000: select() cannot ...".
    void refused(TimePoint now, std::string_view what);
    // When the count of the refusals held back is due (the end of the second of the last line
    // printed), or nullopt if none is held back.
    std::optional<TimePoint> countDueAt() const;
    // The second is over at `now`: print the count of those held back, if it is due.
    void secondOver(TimePoint now);
    // The loop stops: print the count of those held back, due or not.
    void flush();

    // Refusals so far, printed or counted.
    std::size_t total() const { return total_; }

private:
    void printCount();

    std::ostream* out_;
    std::optional<TimePoint> secondStart_;  // when the last full line was printed
    std::size_t heldBack_ = 0;              // refused since then, not printed yet
    std::string lastHeldBack_;              // the latest of them, quoted in the count line
    std::size_t total_ = 0;
};

}  // namespace lab
