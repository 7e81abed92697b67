// Exercise 03: both messages at once.
//
// Your task (lessons/03-echo-server/lesson.md, "Exercise"):
//   1. In connectionMade, send both messages in a single write: "hello\nreactor\n".
//   2. The echo may now come back in one piece or in several, and nothing marks where one message
//      ends but the '\n'. Collect what comes back, and for each complete line print
//      "client: echoed intact: LINE" when it is the message sent in that place ("CORRUPTED" if not).
//   3. Close the connection once both lines have come back.
// Check your work:  ./scripts/run --check-exercise 03
// The server (echo_server.h) stays as it is.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "03-echo-server/echo_server.h"

namespace {

// The lesson's client, as it is: one message at a time. Change it as the task says.
class EchoClient : public lab::Protocol {
public:
    void connectionMade() override { sendNext(); }
    void dataReceived(std::string_view data) override {
        echoed_.append(data);
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
    return echo::runEchoServerWith(argc, argv, "exercise-03-echo-server", std::make_shared<echo::ClientOf<EchoClient>>());
}
