// Lesson 03: the echo server of the article's section 2.2.3, with its client in the same program.
//
// An EchoProtocol writes back whatever it receives; an EchoFactory builds one per connection;
// listenTCP puts the factory on a port. A client made with connectTCP sends two messages, one
// at a time, checks each echo, and closes. The server stops when its connection has ended.
// Everything runs on one reactor under a ManualClock, so the trace is the same on every run.
//
// Run:   build/bin/lesson-03-echo-server --trace build/traces/03-echo-server.jsonl
// Read:  lessons/03-echo-server/lesson.md
#include <poll.h>

#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "../lesson_args.h"
#include "core/reactor.h"
#include "trace/json_lines_sink.h"
#include "transport/tcp.h"

namespace {

using lab::Address;

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
    std::shared_ptr<lab::Protocol> buildProtocol(const Address&) override {
        return std::make_shared<EchoProtocol>(whenConnectionLost);
    }
    std::function<void()> whenConnectionLost;  // this lesson's server serves one client
};

// The client: send a message, wait for all of it to come back, send the next; then close.
class EchoClient : public lab::Protocol {
public:
    explicit EchoClient(std::vector<std::string> messages) : messages_(std::move(messages)) {}
    void connectionMade() override { sendNext(); }
    void dataReceived(std::string_view data) override {
        echoed_.append(data);  // an echo may come back in pieces: collect until it is whole
        if (echoed_.size() < messages_[next_ - 1].size()) return;
        std::cout << "client: echoed " << (echoed_ == messages_[next_ - 1] ? "intact" : "CORRUPTED") << ": "
                  << echoed_.substr(0, echoed_.size() - 1) << "\n";
        echoed_.clear();
        if (next_ < messages_.size()) {
            sendNext();
        } else {
            transport->loseConnection();
        }
    }
    void connectionLost(std::exception_ptr reason) override {
        std::cout << "client: connection ended (" << lab::describeException(reason) << ")\n";
    }

private:
    void sendNext() { transport->write(messages_[next_++]); }
    std::vector<std::string> messages_;
    std::size_t next_ = 0;
    std::string echoed_;
};

class EchoClientFactory : public lab::ClientFactory {
public:
    std::shared_ptr<lab::Protocol> buildProtocol(const Address&) override {
        return std::make_shared<EchoClient>(std::vector<std::string>{"hello\n", "reactor\n"});
    }
    void clientConnectionFailed(lab::Connector&, std::exception_ptr reason) override {
        throw std::runtime_error("the client could not connect: " + lab::describeException(reason));
    }
};

// The one real wait of this program, before the loop starts: until the handshake is over and
// the server's accept queue holds the connection. Then the loop's first look (a ManualClock
// never blocks while a timer is pending) finds both ready, on every run.
void waitForHandshake(int listeningFd, int connectingFd) {
    pollfd fds[2] = {{listeningFd, POLLIN, 0}, {connectingFd, POLLOUT, 0}};
    for (int tries = 0; tries < 100 && !((fds[0].revents & POLLIN) && (fds[1].revents & POLLOUT)); ++tries) {
        ::poll(fds, 2, 50);
    }
}

}  // namespace

int main(int argc, char** argv) {
    lesson::Args args = lesson::parseArgs(argc, argv);
    try {
        std::unique_ptr<lab::JsonLinesSink> sink;
        if (!args.trace.empty()) sink = std::make_unique<lab::JsonLinesSink>(args.trace);
        lab::ManualClock clock;
        lab::Reactor reactor({args.backend, &clock, sink.get(), "lesson-03-echo-server"});

        auto factory = std::make_shared<EchoFactory>();
        auto port = lab::listenTCP(reactor, 0, factory);  // 0: any free port (not in the trace)
        factory->whenConnectionLost = [&] {
            port->stopListening();
            reactor.stop();
        };
        std::cout << "server: listening on " << port->getHost().toString() << " (" << args.backend << ")\n";
        auto connector = lab::connectTCP(reactor, "127.0.0.1", port->getHost().port, std::make_shared<EchoClientFactory>());
        waitForHandshake(port->fileno(), connector->fileno());
        reactor.run();
        if (sink) sink->close();  // surfaces a write error instead of losing the trace's end
    } catch (const std::exception& e) {
        std::cerr << argv[0] << ": " << e.what() << "\n";
        return 1;
    }
    return 0;
}
