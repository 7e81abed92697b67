// Lesson 03: the echo server of the article's section 2.2.3, with its client in the same program.
//
// An EchoProtocol writes back whatever it receives; an EchoFactory builds one per connection;
// listenTCP puts the factory on a port (all three in echo_server.h). A client made with
// connectTCP sends two messages, one at a time, checks each echo, and closes. The server stops
// when its connection has ended. Everything runs on one reactor under a ManualClock, so the trace
// is the same on every run.
//
// Run:   build/bin/lesson-03-echo-server --trace build/traces/03-echo-server.jsonl
// Read:  lessons/03-echo-server/lesson.md
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "03-echo-server/echo_server.h"

namespace {

// The client: send a message, wait for all of it to come back, send the next; then close.
class EchoClient : public lab::Protocol {
public:
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
    std::vector<std::string> messages_{"hello\n", "reactor\n"};
    std::size_t next_ = 0;
    std::string echoed_;
};

}  // namespace

int main(int argc, char** argv) {
    return echo::runEchoServerWith(argc, argv, "lesson-03-echo-server", std::make_shared<echo::ClientOf<EchoClient>>());
}
