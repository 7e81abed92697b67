// The cast of lesson 10, shared by its program, its exercise and the solution: the users and
// orders services, fetchJson (one call to a backend), the caller that asks for profiles 7, 8 and
// 9, and the run that puts them on one reactor with a gateway whose routes the caller adds.
// Read: lessons/10-rest-services/lesson.md.
#pragma once

#include <functional>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/reactor.h"
#include "deferred/defer_later.h"
#include "deferred/deferred_list.h"
#include "deferred/deferred_tracing.h"
#include "http/http_client.h"
#include "http/http_server.h"
#include "http/router.h"
#include "lesson_main.h"
#include "transport/tcp.h"

// A backend answered, but not with what we asked for (a 500, say). Outside the anonymous
// namespace so that traces name it plainly: "BackendError: users answered 500".
struct BackendError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

namespace restlesson {

using namespace std::chrono_literals;
using lab::Deferred;
using lab::Failure;
using lab::Value;
namespace http = lab::http;

// A fixed Date header: the real one would change the trace on every run.
inline http::HttpServerOptions fixedDate() {
    http::HttpServerOptions options;
    options.date = [] { return std::string("Thu, 01 Jan 2026 00:00:00 GMT"); };
    return options;
}

// The users service answers at once; user 9's database is down.
inline void addUsersRoutes(http::Router& router) {
    router.add("GET", "/users/{id}", [](http::Request& request) -> http::RequestResult {
        const std::string& id = request.params.at("id");
        if (id == "9") return http::Response::json(500, {{"error", "users database is down"}});
        return http::Response::json(200, {{"id", std::stoi(id)}, {"name", id == "7" ? "Ada" : "Grace"}});
    });
}

// The orders service takes its time: 200 ms, but 3 s for user 8.
inline void addOrdersRoutes(http::Router& router, lab::Reactor& reactor) {
    router.add("GET", "/orders/{id}", [&reactor](http::Request& request) -> http::RequestResult {
        std::string id = request.params.at("id");
        return lab::deferLater(reactor, id == "8" ? 3s : 200ms, [id] {
            return http::responseToValue(http::Response::json(200, Value::array({"tea", "scones"})));
        });
    });
}

// One call to a backend: the response's JSON body, or a Failure that names the service.
inline Deferred fetchJson(lab::Reactor& reactor, const std::string& service, const std::string& url) {
    http::HttpClientOptions options;
    options.timeout = 1s;
    Deferred call = http::httpGet(reactor, url, options);
    call.addCallback([service](const Value& response) -> Value {
        if (response["status"] != 200) {
            throw BackendError(service + " answered " + response["status"].dump());
        }
        return Value::parse(response["body"].get<std::string>());
    }, service + ": read JSON");
    return call;
}

// The caller: one profile after another, then stop once the slow order has come back too.
inline void askForProfiles(lab::Reactor& reactor, std::string gatewayUrl, std::vector<std::string> ids, std::size_t next = 0) {
    if (next == ids.size()) {
        reactor.callLater(3s, [&reactor] { reactor.stop(); });
        return;
    }
    Deferred call = http::httpGet(reactor, gatewayUrl + "/profile/" + ids[next]);
    call.addCallback([&reactor, gatewayUrl, ids, next](const Value& response) {
        std::cout << "  GET /profile/" << ids[next] << " -> " << response["status"] << " " << response["body"].get<std::string>();
        askForProfiles(reactor, gatewayUrl, ids, next + 1);
    }, "print, ask for the next");
}

inline std::string urlOf(const lab::ListeningPort& port) { return "http://127.0.0.1:" + std::to_string(port.getHost().port); }

// The gateway's routes: added by the program (or the exercise) with the two backends' URLs.
using GatewayRoutes = std::function<void(http::Router&, lab::Reactor&, const std::string& usersUrl, const std::string& ordersUrl)>;

// The whole run: parse the lesson flags, start users, orders and the gateway on free ports, ask
// for profiles 7, 8 and 9. Returns main's exit code.
inline int runServices(int argc, char** argv, const std::string& program, const GatewayRoutes& addGatewayRoutes) {

    return lesson::withLessonReactor(argc, argv, program, [&](lab::Reactor& reactor, lab::ManualClock&, const lesson::Args&) {
        {
            lab::DeferredTracing tracing(reactor.tracer());
            http::Router users;
            http::Router orders;
            http::Router gateway;
            addUsersRoutes(users);
            addOrdersRoutes(orders, reactor);
            auto usersPort = lab::listenTCP(reactor, 0, std::make_shared<http::HttpFactory>(reactor, users.handler(), fixedDate()));
            auto ordersPort = lab::listenTCP(reactor, 0, std::make_shared<http::HttpFactory>(reactor, orders.handler(), fixedDate()));
            addGatewayRoutes(gateway, reactor, urlOf(*usersPort), urlOf(*ordersPort));
            auto gatewayPort = lab::listenTCP(reactor, 0, std::make_shared<http::HttpFactory>(reactor, gateway.handler(), fixedDate()));
            askForProfiles(reactor, urlOf(*gatewayPort), {"7", "8", "9"});
            reactor.run();
        }
    });
}

}  // namespace restlesson
