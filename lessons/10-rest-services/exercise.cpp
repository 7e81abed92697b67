// Exercise 10: a gateway that degrades instead of failing.
//
// Your task (lessons/10-rest-services/lesson.md, "Exercise"): when the orders service fails (user
// 8's orders take 3 s, longer than the 1 s timeout), the gateway should still answer 200, with
// the user and "orders": null. Do it with an errback on the orders call alone, before
// gatherResults. When users fails (user 9), the gateway still answers 502: a profile without its
// user is no profile.
// Check your work:  ./scripts/run --check-exercise 10
#include "10-rest-services/services.h"

using namespace restlesson;

namespace {

// The gateway: both calls at once, one answer from the two. Your code goes here.
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
    return runServices(argc, argv, "exercise-10-rest-services", addGatewayRoutes);
}
