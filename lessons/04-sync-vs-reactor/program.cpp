// Lesson 04: deferToThread, the bridge between the reactor and blocking or CPU-bound work.
//
// The echo server of lesson 03 learns one command: "primes N" counts the primes below N, which
// takes the CPU for a while. Done in dataReceived, it would stop the loop: no other client is
// served until it ends. So the server hands it to the reactor's thread pool with deferToThread
// and goes on serving; the count comes back as a Deferred fired on the reactor thread, whose
// callback writes the answer. The client sends the command and, at once, "hello"; then
// "reactor" after hello's echo; the answer comes last, and the client closes.
// Under a ManualClock, the loop takes a thread's result in only when it has nothing else to do
// (reactor.h), so the trace is the same on every run although the job really runs on a thread.
//
// Run:   build/bin/lesson-04-sync-vs-reactor --trace build/traces/04-sync-vs-reactor.jsonl
#include <poll.h>

#include <functional>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>

#include "../lesson_main.h"
#include "04-sync-vs-reactor/primes.h"
#include "core/reactor.h"
#include "deferred/deferred_tracing.h"
#include "protocol/line_receiver.h"
#include "deferred/defer_to_thread.h"
#include "transport/tcp.h"

namespace {

using lab::Address;

// The server: echo every line, except "primes N", which goes to a thread.
class EchoPrimes : public lab::LineReceiver {
public:
    EchoPrimes(lab::Reactor& reactor, std::function<void()> whenLost)
        : reactor_(reactor), whenLost_(std::move(whenLost)) {
        delimiter = "\n";
    }
    void lineReceived(std::string_view line) override {
        if (line.rfind("primes ", 0) != 0) {
            sendLine(line);  // the echo: served at once, even while a job runs
            return;
        }
        long n = std::stol(std::string(line.substr(7)));
        // Not countPrimesBelow(n) here: that would block every client until it returned.
        lab::deferToThread(reactor_, [n]() -> lab::Value { return countPrimesBelow(n); })
            .addCallback(
                [this, n](const lab::Value& count) {
                    sendLine("primes below " + std::to_string(n) + ": " + count.dump());
                },
                "write the answer");
    }
    void connectionLost(std::exception_ptr reason) override {
        std::cout << "server: connection ended (" << lab::describeException(reason) << ")\n";
        if (whenLost_) whenLost_();
    }

private:
    lab::Reactor& reactor_;
    std::function<void()> whenLost_;
};

class EchoPrimesFactory : public lab::Factory {
public:
    explicit EchoPrimesFactory(lab::Reactor& reactor) : reactor_(reactor) {}
    std::shared_ptr<lab::Protocol> buildProtocol(const Address&) override {
        return std::make_shared<EchoPrimes>(reactor_, whenConnectionLost);
    }
    std::function<void()> whenConnectionLost;  // this lesson's server serves one client

private:
    lab::Reactor& reactor_;
};

// The client: the long command, then quick lines that are echoed while the job runs.
class Client : public lab::LineReceiver {
public:
    Client() { delimiter = "\n"; }
    void connectionMade() override { transport->write("primes 300000\nhello\n"); }
    void lineReceived(std::string_view line) override {
        std::cout << "client: got \"" << line << "\"\n";
        if (line == "hello") {
            sendLine("reactor");
        } else if (line.rfind("primes below", 0) == 0) {
            transport->loseConnection();
        }
    }
};

class ClientFactory : public lab::ClientFactory {
public:
    std::shared_ptr<lab::Protocol> buildProtocol(const Address&) override { return std::make_shared<Client>(); }
    void clientConnectionFailed(lab::Connector&, std::exception_ptr reason) override {
        throw std::runtime_error("the client could not connect: " + lab::describeException(reason));
    }
};

// As in lesson 03: the one real wait before the loop starts, until the handshake is over, so
// the loop's first look finds both ends ready on every run.
void waitForHandshake(int listeningFd, int connectingFd) {
    pollfd fds[2] = {{listeningFd, POLLIN, 0}, {connectingFd, POLLOUT, 0}};
    for (int tries = 0; tries < 100 && !((fds[0].revents & POLLIN) && (fds[1].revents & POLLOUT)); ++tries) {
        ::poll(fds, 2, 50);
    }
}

}  // namespace

int main(int argc, char** argv) {
    return lesson::withLessonReactor(argc, argv, "lesson-04-sync-vs-reactor", [&](lab::Reactor& reactor, lab::ManualClock&, const lesson::Args&) {
        lab::DeferredTracing tracing(reactor.tracer());

        auto factory = std::make_shared<EchoPrimesFactory>(reactor);
        auto port = lab::listenTCP(reactor, 0, factory);  // 0: any free port (not in the trace)
        factory->whenConnectionLost = [&] {
            port->stopListening();
            reactor.stop();
        };
        auto connector = lab::connectTCP(reactor, "127.0.0.1", port->getHost().port, std::make_shared<ClientFactory>());
        waitForHandshake(port->fileno(), connector->fileno());
        reactor.run();
    });
}
