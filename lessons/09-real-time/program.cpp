// Lesson 09: real time. One event pushed to many clients with Server-Sent Events.
//
// The server has one route, GET /events, answered by an EventBroadcaster: each client's
// response stays open as a text/event-stream. Three clients in the same program subscribe;
// at 1 s and 2 s the server broadcasts one event, and every client prints it as it arrives.
// At 3 s the clients hang up and the program stops. One reactor, one ManualClock: the trace is
// the same on every run.
//
// Run:   build/bin/lesson-09-real-time --trace build/traces/09-real-time.jsonl
// Read:  lessons/09-real-time/lesson.md
#include "09-real-time/event_source.h"

int main(int argc, char** argv) {
    return sselesson::runBroadcasts(argc, argv, "lesson-09-real-time", [](lab::Reactor&, sselesson::Clients&) {});
}
