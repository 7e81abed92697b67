// The echo server of lesson 03, shared by the lesson's program, its exercise and the solution: an
// EchoProtocol that writes back whatever it receives, the EchoFactory that builds one per
// connection, and runEchoServerWith, which starts it on a free port and connects a client to it.
// The client is not here: each program brings its own. Read: lessons/03-echo-server/lesson.md.
#pragma once

#include <poll.h>

#include <functional>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>

#include "core/reactor.h"
#include "lesson_main.h"
#include "transport/tcp.h"

namespace echo {

// The server side, as in the article: echo every byte back.
class EchoProtocol : public lab::Protocol {
public:
    explicit EchoProtocol(std::function<void()> whenLost) : whenLost_(std::move(whenLost)) {}
    void dataReceived(std::string_view data) override { transport->write(data); }
    void connectionLost(std::exception_ptr reason) override {
        std::cout << "server: connection ended (" << lab::describeException(reason) << ")\n";
        if (whenLost_) whenLost_();
    }

private:
    std::function<void()> whenLost_;
};

class EchoFactory : public lab::Factory {
public:
    std::shared_ptr<lab::Protocol> buildProtocol(const lab::Address&) override {
        return std::make_shared<EchoProtocol>(whenConnectionLost);
    }
    std::function<void()> whenConnectionLost;  // this lesson's server serves one client
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

// The one real wait of this program, before the loop starts: until the handshake is over and
// the server's accept queue holds the connection. Then the loop's first look (a ManualClock
// never blocks while a timer is pending) finds both ready, on every run.
inline void waitForHandshake(int listeningFd, int connectingFd) {
    pollfd fds[2] = {{listeningFd, POLLIN, 0}, {connectingFd, POLLOUT, 0}};
    for (int tries = 0; tries < 100 && !((fds[0].revents & POLLIN) && (fds[1].revents & POLLOUT)); ++tries) {
        ::poll(fds, 2, 50);
    }
}

// The whole run: parse the lesson flags, start the server on any free port, connect `client` to
// it, and turn the loop until the server's connection has ended. Returns main's exit code.
inline int runEchoServerWith(int argc, char** argv, const std::string& program, std::shared_ptr<lab::ClientFactory> client) {
    return lesson::withLessonReactor(argc, argv, program, [&](lab::Reactor& reactor, lab::ManualClock&, const lesson::Args& args) {

        auto factory = std::make_shared<EchoFactory>();
        auto port = lab::listenTCP(reactor, 0, factory);  // 0: any free port (not in the trace)
        factory->whenConnectionLost = [&] {
            port->stopListening();
            reactor.stop();
        };
        std::cout << "server: listening on " << port->getHost().toString() << " (" << args.backend << ")\n";
        auto connector = lab::connectTCP(reactor, "127.0.0.1", port->getHost().port, std::move(client));
        waitForHandshake(port->fileno(), connector->fileno());
        reactor.run();
    });
}

}  // namespace echo
