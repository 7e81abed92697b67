// A raw HTTP "server" for the client tests: a Protocol that collects one request (head and
// Content-Length body) and hands it to the test, which answers with whatever bytes it likes,
// well-formed or not. No HTTP library on this side, so a client bug cannot hide behind a server
// bug that mirrors it. Runs on the same reactor as the client, on 127.0.0.1.
#pragma once

#include <sys/socket.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "deferred/deferred.h"
#include "transport/tcp.h"
#include "support/run_until.h"
#include "support/recording_protocol.h"

namespace lab::test {

struct RawHttpServer : Protocol {
    std::string received;
    bool answered = false;
    int lostCalls = 0;
    std::string lostType;
    // Called once, when a whole request has arrived: its bytes, head and body.
    std::function<void(RawHttpServer&, const std::string&)> onRequest;

    void dataReceived(std::string_view data) override {
        received.append(data);
        if (answered || !complete()) return;
        answered = true;
        if (onRequest) onRequest(*this, received);
    }
    void connectionLost(std::exception_ptr reason) override {
        ++lostCalls;
        lostType = reasonType(reason);
    }

    // Send bytes now, past the transport's buffer, then reset the connection (RST, not FIN):
    // SO_LINGER with a zero timeout makes close() drop the connection.
    void sendThenReset(std::string_view bytes) {
        auto& tcp = dynamic_cast<TcpTransport&>(*transport);
        ::send(tcp.fileno(), bytes.data(), bytes.size(), MSG_NOSIGNAL);
        linger option{1, 0};
        ::setsockopt(tcp.fileno(), SOL_SOCKET, SO_LINGER, &option, sizeof option);
        tcp.abortConnection();
    }

private:
    // The head has ended and as many body bytes as its Content-Length have arrived.
    bool complete() const {
        std::size_t headEnd = received.find("\r\n\r\n");
        if (headEnd == std::string::npos) return false;
        std::size_t length = 0;
        std::size_t at = received.find("Content-Length: ");
        if (at != std::string::npos && at < headEnd) length = std::stoul(received.substr(at + 16));
        return received.size() >= headEnd + 4 + length;
    }
};

struct RawHttpServerFactory : Factory {
    std::vector<std::shared_ptr<RawHttpServer>> built;
    std::function<void(RawHttpServer&, const std::string&)> onRequest;

    std::shared_ptr<Protocol> buildProtocol(const Address&) override {
        auto server = std::make_shared<RawHttpServer>();
        server->onRequest = onRequest;
        built.push_back(server);
        return server;
    }
};

// What a Deferred ended with, recorded by a last addBoth step (which hands on null, so a
// Failure never goes unhandled once recorded).
struct Watched {
    bool fired = false;
    Value value;
    std::optional<Failure> failure;
    std::string failureType() const { return failure ? failure->typeName() : "(no failure)"; }
    std::string failureMessage() const { return failure ? failure->getErrorMessage() : "(no failure)"; }
};

inline std::shared_ptr<Watched> watch(Deferred deferred) {
    auto watched = std::make_shared<Watched>();
    deferred.addBoth([watched](Result result) {
        watched->fired = true;
        if (result.isFailure()) {
            watched->failure = result.takeFailure();
        } else {
            watched->value = result.takeValue();
        }
    });
    return watched;
}

}  // namespace lab::test
