// Reference solution of exercise 08 (lessons/08-http-server/exercise.cpp): GET /forecast answers
// through a Deferred 2 s later; the channel stops its idle timer while a request is being
// answered, so the 1 s idle timeout does not cut it off. Tested in CI so the exercise stays solvable.
#include "08-http-server/http_lesson.h"
#include "deferred/defer_later.h"

using namespace std::chrono_literals;
namespace http = lab::http;

namespace {

void addRoutes(http::Router& router, lab::Reactor& reactor) {
    router.add("GET", "/hello", [](http::Request&) -> http::RequestResult {
        return http::Response::text(200, "hello from the reactor");
    });
    router.add("GET", "/forecast", [&reactor](http::Request&) -> http::RequestResult {
        return lab::deferLater(reactor, 2s, [] { return http::responseToValue(http::Response::text(200, "rain at noon")); });
    });
}

}  // namespace

int main(int argc, char** argv) {
    http::HttpServerOptions options;
    options.idleTimeout = 1s;
    return httplesson::serveAndGet(argc, argv, "exercise-08-http-server", addRoutes, {"/hello", "/forecast"}, options);
}
