// Reference solution of exercise 10 (lessons/10-rest-services/exercise.cpp): an errback on the
// orders call alone turns its failure into null before gatherResults sees it, so a slow orders
// service degrades the profile instead of failing it. Tested in CI so the exercise stays solvable.
#include "10-rest-services/services.h"

using namespace restlesson;

namespace {

// The gateway: both calls at once, one answer from the two.
void addGatewayRoutes(http::Router& router, lab::Reactor& reactor, const std::string& usersUrl, const std::string& ordersUrl) {
    router.add("GET", "/profile/{id}", [&reactor, usersUrl, ordersUrl](http::Request& request) -> http::RequestResult {
        const std::string& id = request.params.at("id");
        Deferred user = fetchJson(reactor, "users", usersUrl + "/users/" + id);
        Deferred orders = fetchJson(reactor, "orders", ordersUrl + "/orders/" + id);
        orders.addErrback([](Failure) { return Value(nullptr); }, "orders: none");
        Deferred both = lab::gatherResults({user, orders}, /*consumeErrors=*/true);
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
