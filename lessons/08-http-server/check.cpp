// The check of exercise 08 (exercise.cpp): GET /forecast answered 200 "rain at noon" through a
// Deferred 2 s after the request, and the 1 s idle timer did not cut it off.
// Run: ./scripts/run --check-exercise 08
#include <cstdint>

#include "exercise_check.h"

int main(int argc, char** argv) {
    lesson::ExerciseCheck check(argc, argv, "Exercise 08 · a handler that waits longer than the idle timeout");
    if (!check.run()) return check.finish();

    // The /forecast request, and the response written on its connection.
    const lab::TraceJson* request = nullptr;
    for (const auto* e : check.ofKind("http_request")) {
        if (e->value("target", "") == "/forecast") request = e;
    }
    const lab::TraceJson* response = nullptr;
    for (const auto* e : check.ofKind("http_response")) {
        if (request && e->value("connection", std::int64_t{-1}) == request->value("connection", std::int64_t{-2})) response = e;
    }
    int status = response ? response->value("status", 0) : 0;
    check.expect(request && status == 200, "the server answered GET /forecast with 200",
                 status == 404 ? "404 means no route matched: add router.add(\"GET\", \"/forecast\", ...) in addRoutes"
                               : "the handler must answer 200: http::Response::text(200, \"rain at noon\")");

    std::int64_t waited = request && response ? response->value("t", std::int64_t{0}) - request->value("t", std::int64_t{0}) : 0;
    check.expect(waited == 2'000'000'000, "the answer was written 2 s after the request, when a timer fired",
                 "return lab::deferLater(reactor, 2s, [] { return http::responseToValue(...); }) from the handler");

    check.expect(check.output().find("GET /forecast -> 200 rain at noon") != std::string::npos,
                 "the client printed \"GET /forecast -> 200 rain at noon\"",
                 "the response's body must be exactly the text \"rain at noon\"");

    // The idle timers the server scheduled (http_server.cpp), and whether any of them fired.
    bool oneSecond = false;
    bool idleFired = false;
    for (const auto* e : check.ofKind("timer_scheduled")) {
        if (e->value("at", "").rfind("reactor/http/http_server.cpp", 0) != 0) continue;
        oneSecond |= e->value("delay_ns", std::int64_t{0}) == 1'000'000'000;
        for (const auto* fired : check.ofKind("timer_fired")) idleFired |= fired->value("timer", std::int64_t{-1}) == e->value("timer", std::int64_t{-2});
    }
    bool timedOut = false;
    for (const auto* e : check.ofKind("http_response")) timedOut |= e->value("status", 0) == 408;
    check.expect(oneSecond && !idleFired && !timedOut,
                 "the idle timeout stayed 1 s and its timer never fired: no idle close while a handler works",
                 "keep options.idleTimeout = 1s in main; the channel stops its idle timer while it owes a response");
    return check.finish();
}
