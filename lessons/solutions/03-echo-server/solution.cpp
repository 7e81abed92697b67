// Reference solution of exercise 03 (lessons/03-echo-server/exercise.cpp): both messages go out
// in one write, and the client splits the echo at each '\n' itself, since TCP keeps no message
// boundaries. Tested in CI so the exercise stays solvable.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "03-echo-server/echo_server.h"

namespace {

class EchoClient : public lab::Protocol {
public:
    void connectionMade() override {
        std::string all;
        for (const auto& message : messages_) all += message;
        transport->write(all);
    }
    void dataReceived(std::string_view data) override {
        echoed_.append(data);  // any chunking: a piece may hold half a line, or several lines
        for (auto end = echoed_.find('\n'); end != std::string::npos; end = echoed_.find('\n')) {
            std::string line = echoed_.substr(0, end + 1);
            echoed_.erase(0, end + 1);
            bool intact = next_ < messages_.size() && line == messages_[next_];
            ++next_;
            std::cout << "client: echoed " << (intact ? "intact" : "CORRUPTED") << ": " << line.substr(0, end) << "\n";
        }
        if (next_ == messages_.size()) transport->loseConnection();
    }
    void connectionLost(std::exception_ptr reason) override {
        std::cout << "client: connection ended (" << lab::describeException(reason) << ")\n";
    }

private:
    std::vector<std::string> messages_{"hello\n", "reactor\n"};
    std::size_t next_ = 0;  // the message the next complete line should be
    std::string echoed_;    // bytes of a line whose '\n' has not come back yet
};

}  // namespace

int main(int argc, char** argv) {
    return echo::runEchoServerWith(argc, argv, "exercise-03-echo-server", std::make_shared<echo::ClientOf<EchoClient>>());
}
