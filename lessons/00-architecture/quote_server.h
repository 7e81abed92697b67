// The quote server of lesson 00, shared by the lesson's program, its exercise and the solution: a
// LineReceiver that answers each line (a topic) with a quote from a slow service, which answers
// through a Deferred 100 ms later. Read: lessons/00-architecture/lesson.md.
#pragma once

#include <poll.h>

#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "core/reactor.h"
#include "deferred/deferred_tracing.h"
#include "lesson_main.h"
#include "deferred/defer_later.h"
#include "protocol/line_receiver.h"
#include "transport/tcp.h"

namespace quote {

using namespace std::chrono_literals;
using lab::Deferred;
using lab::Value;

// The "slow service" behind the server: the answer is ready 100 ms later, as a Deferred.
inline Deferred lookupQuote(lab::Reactor& reactor, std::string topic) {
    return lab::deferLater(reactor, 100ms, [topic] {
        static const std::map<std::string, std::string> quotes = {
            {"reactor", "Don't call us, we'll call you."},
            {"deferred", "A result that is not there yet."}};
        auto found = quotes.find(topic);
        if (found == quotes.end()) throw std::invalid_argument("no quote about '" + topic + "'");
        return Value(found->second);
    });
}

// The protocol: one line in, one Deferred, one line out.
class QuoteProtocol : public lab::LineReceiver {
public:
    QuoteProtocol(lab::Reactor& reactor, std::function<void()> whenLost)
        : reactor_(reactor), whenLost_(std::move(whenLost)) {}

    void lineReceived(std::string_view line) override {
        Deferred answer = lookupQuote(reactor_, std::string(line));
        // The callbacks run later, from a timer; this program's connection outlives them.
        answer.addCallback([this](const Value& quote) { sendLine(quote.get<std::string>()); }, "send the quote");
        answer.addErrback([this](const lab::Failure& f) { sendLine("sorry: " + f.getErrorMessage()); }, "send the error");
    }
    void connectionLost(std::exception_ptr) override { whenLost_(); }

private:
    lab::Reactor& reactor_;
    std::function<void()> whenLost_;
};

class QuoteFactory : public lab::Factory {
public:
    QuoteFactory(lab::Reactor& reactor, std::function<void()> whenLost)
        : reactor_(reactor), whenLost_(std::move(whenLost)) {}
    std::shared_ptr<lab::Protocol> buildProtocol(const lab::Address&) override {
        return std::make_shared<QuoteProtocol>(reactor_, whenLost_);
    }

private:
    lab::Reactor& reactor_;
    std::function<void()> whenLost_;
};

// A client factory for protocol P; a failed connect ends the run with a readable error.
template <typename P>
class ClientOf : public lab::ClientFactory {
public:
    std::shared_ptr<lab::Protocol> buildProtocol(const lab::Address&) override { return std::make_shared<P>(); }
    void clientConnectionFailed(lab::Connector&, std::exception_ptr reason) override {
        throw std::runtime_error("the client could not connect: " + lab::describeException(reason));
    }
};

// The one real wait, before the loop starts (as in lesson 03): until the handshake is over, so
// the loop's first look finds the connection on every run.
inline void waitForHandshake(int listeningFd, int connectingFd) {
    pollfd fds[2] = {{listeningFd, POLLIN, 0}, {connectingFd, POLLOUT, 0}};
    for (int tries = 0; tries < 100 && !((fds[0].revents & POLLIN) && (fds[1].revents & POLLOUT)); ++tries) {
        ::poll(fds, 2, 50);
    }
}

// The whole run: parse the lesson flags, start the server on any free port, connect `client`
// to it, and turn the loop until the server's connection ends. Returns main's exit code.
inline int runQuoteServerWith(int argc, char** argv, const std::string& program,
                              std::shared_ptr<lab::ClientFactory> client) {
    return lesson::withLessonReactor(argc, argv, program, [&](lab::Reactor& reactor, lab::ManualClock&, const lesson::Args&) {
        {
            lab::DeferredTracing tracing(reactor.tracer());
            std::unique_ptr<lab::ListeningPort> port;
            auto factory = std::make_shared<QuoteFactory>(reactor, [&] {
                port->stopListening();
                reactor.stop();
            });
            port = lab::listenTCP(reactor, 0, factory);  // 0: any free port (not in the trace)
            auto connector = lab::connectTCP(reactor, "127.0.0.1", port->getHost().port, std::move(client));
            waitForHandshake(port->fileno(), connector->fileno());
            reactor.run();
        }
    });
}

}  // namespace quote
