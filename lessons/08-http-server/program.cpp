// Lesson 08: an HTTP server on the reactor, and one request followed through the loop.
//
// A Router with two routes: GET /hello answers at once; GET /report answers through a Deferred
// that fires 100 ms later (a handler that has to wait for something). A client in the same
// program asks for one, then the other, and the program stops. One reactor, one ManualClock:
// the trace is the same on every run.
//
// Run:   build/bin/lesson-08-http-server --trace build/traces/08-http-server.jsonl
// Read:  lessons/08-http-server/lesson.md
#include "08-http-server/http_lesson.h"
#include "deferred/defer_later.h"

using namespace std::chrono_literals;
namespace http = lab::http;

namespace {

void addRoutes(http::Router& router, lab::Reactor& reactor) {
    // Answered now: the handler returns a Response.
    router.add("GET", "/hello", [](http::Request&) -> http::RequestResult {
        return http::Response::text(200, "hello from the reactor");
    });
    // Answered later: the handler returns a Deferred, and the loop serves others meanwhile.
    router.add("GET", "/report", [&reactor](http::Request&) -> http::RequestResult {
        return lab::deferLater(reactor, 100ms, [] {
            return http::responseToValue(http::Response::json(200, {{"visitors", 3}}));
        });
    });
}

}  // namespace

int main(int argc, char** argv) {
    return httplesson::serveAndGet(argc, argv, "lesson-08-http-server", addRoutes, {"/hello", "/report"});
}
