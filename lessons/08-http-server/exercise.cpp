// Exercise 08: a handler that waits longer than the idle timeout.
//
// Your task (lessons/08-http-server/lesson.md, "Exercise"): the client asks for GET /forecast,
// and the server has no such route yet (it answers 404). Add the route: it answers 200 with the
// text "rain at noon", 2 s later, through a Deferred (lab::deferLater, like /report in
// program.cpp). The server's idle timeout is 1 s here and stays so: find out in the trace whether
// the idle timer closes the connection while your handler is still working.
// Check your work:  ./scripts/run --check-exercise 08
#include "08-http-server/http_lesson.h"
#include "deferred/defer_later.h"

using namespace std::chrono_literals;
namespace http = lab::http;

namespace {

void addRoutes(http::Router& router, lab::Reactor& reactor) {
    router.add("GET", "/hello", [](http::Request&) -> http::RequestResult {
        return http::Response::text(200, "hello from the reactor");
    });
    (void)reactor;  // your route will need it, for deferLater
    // Your code: GET /forecast.
}

}  // namespace

int main(int argc, char** argv) {
    http::HttpServerOptions options;
    options.idleTimeout = 1s;
    return httplesson::serveAndGet(argc, argv, "exercise-08-http-server", addRoutes, {"/hello", "/forecast"}, options);
}
