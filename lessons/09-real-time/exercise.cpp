// Exercise 09: a client that leaves early.
//
// Your task (lessons/09-real-time/lesson.md, "Exercise"): make bob hang up at 1.5 s, between the
// two broadcasts (a timer that calls clients[1]->disconnect(); clients are alice, bob, carol).
// The first event should still reach all three, the second only alice and carol, and the
// broadcaster must learn that bob left without being told: nothing else in the program changes.
// Check your work:  ./scripts/run --check-exercise 09
#include "09-real-time/event_source.h"

using namespace std::chrono_literals;

int main(int argc, char** argv) {
    return sselesson::runBroadcasts(argc, argv, "exercise-09-real-time", [](lab::Reactor& reactor, sselesson::Clients& clients) {
        (void)reactor;
        (void)clients;
        // Your code: at 1.5 s, bob (clients[1]) hangs up.
    });
}
