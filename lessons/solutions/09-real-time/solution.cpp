// Reference solution of exercise 09 (lessons/09-real-time/exercise.cpp): bob's connector
// disconnects at 1.5 s; the server's connection_lost removes him from the broadcaster, so the
// second event goes to two clients. Tested in CI so the exercise stays solvable.
#include "09-real-time/event_source.h"

using namespace std::chrono_literals;

int main(int argc, char** argv) {
    return sselesson::runBroadcasts(argc, argv, "exercise-09-real-time", [](lab::Reactor& reactor, sselesson::Clients& clients) {
        reactor.callLater(1500ms, [&clients] { clients[1]->disconnect(); });
    });
}
