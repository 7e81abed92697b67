// Recording and RecordingFactory: a Protocol that keeps what happened to it (bytes, how the
// connection ended and why) and a factory that keeps every protocol it built, so a test can look
// at both sides of a real TCP connection.
#pragma once

#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.h"
#include "protocol/factory.h"
#include "transport/tcp.h"

namespace lab::test {

// "lab::ConnectionDone", "lab::ConnectionAborted", ...: the reason's type.
inline std::string reasonType(std::exception_ptr reason) {
    std::string text = describeException(reason);
    return text.substr(0, text.find(": "));
}

struct Recording : Protocol {
    std::string received;
    int lostCalls = 0;
    std::string lostType;
    std::string lostText;
    bool echo = false;
    bool halfClose = false;
    bool readClosed = false;
    std::function<void(Recording&)> onMade;
    std::function<void(Recording&, std::string_view)> onData;

    void connectionMade() override {
        if (onMade) onMade(*this);
    }
    void dataReceived(std::string_view data) override {
        received.append(data);
        if (echo) transport->write(data);
        if (onData) onData(*this, data);
    }
    void connectionLost(std::exception_ptr reason) override {
        ++lostCalls;
        lostType = reasonType(reason);
        lostText = describeException(reason);
    }
    bool wantsHalfClose() const override { return halfClose; }
    void readConnectionLost() override { readClosed = true; }
};

// Builds Recording protocols and keeps them, so tests can look at the server side.
struct RecordingFactory : ClientFactory {
    std::vector<std::shared_ptr<Recording>> built;
    std::function<void(Recording&)> configure;
    std::string failedType;
    std::string lostType;
    int failedCalls = 0;

    std::shared_ptr<Protocol> buildProtocol(const Address&) override {
        auto protocol = std::make_shared<Recording>();
        if (configure) configure(*protocol);
        built.push_back(protocol);
        return protocol;
    }
    void clientConnectionFailed(Connector&, std::exception_ptr reason) override {
        ++failedCalls;
        failedType = reasonType(reason);
    }
    void clientConnectionLost(Connector&, std::exception_ptr reason) override { lostType = reasonType(reason); }
};

}  // namespace lab::test
