// Lesson 10: REST services that call each other. A gateway answers GET /profile/{id} by asking
// two other services, users and orders, through the HTTP client, and combines the two answers
// with gatherResults. Each call has a one-second timeout. Three profiles show three outcomes:
// both answer (200), orders is too slow (504), users fails (502).
// All four parties (three servers and the caller) share one reactor under a ManualClock, so the
// trace is the same on every run.
//
// Run:   build/bin/lesson-10-rest-services --trace build/traces/10-rest-services.jsonl
// Read:  lessons/10-rest-services/lesson.md
#include "10-rest-services/services.h"

using namespace restlesson;

namespace {

// The gateway: both calls at once, one answer from the two.
void addGatewayRoutes(http::Router& router, lab::Reactor& reactor, const std::string& usersUrl, const std::string& ordersUrl) {
    router.add("GET", "/profile/{id}", [&reactor, usersUrl, ordersUrl](http::Request& request) -> http::RequestResult {
        const std::string& id = request.params.at("id");
        Deferred both = lab::gatherResults({fetchJson(reactor, "users", usersUrl + "/users/" + id),
                                            fetchJson(reactor, "orders", ordersUrl + "/orders/" + id)},
                                           /*consumeErrors=*/true);
        both.addCallbacks(
            [](const Value& results) {
                return http::responseToValue(http::Response::json(200, {{"user", results[0]}, {"orders", results[1]}}));
            },
            [](Failure failure) {
                // gatherResults fails with FirstError: which call failed first, and its Failure.
                try {
                    failure.raiseException();
                } catch (const lab::FirstError& e) {
                    int status = e.subFailure.check<lab::TimeoutError>() ? 504 : 502;
                    std::string service = e.index == 0 ? "users" : "orders";
                    return http::responseToValue(http::Response::json(status, {{"error", service + ": " + e.subFailure.summary()}}));
                }
            },
            "combine or explain");
        return both;
    });
}

}  // namespace

int main(int argc, char** argv) {
    return runServices(argc, argv, "lesson-10-rest-services", addGatewayRoutes);
}
