// Exercise 00: two questions on one connection.
//
// Your task (lessons/00-architecture/lesson.md, "Exercise"): make the client ask about
// "reactor", wait for the answer, then ask about "deferred" on the same connection, print both
// answers, and close only after the second. The server (quote_server.h) stays as it is.
// Check your work:  ./scripts/run --check-exercise 00
#include <iostream>

#include "00-architecture/quote_server.h"

namespace {

class AskTwice : public lab::LineReceiver {
public:
    void connectionMade() override { sendLine("reactor"); }
    void lineReceived(std::string_view line) override {
        std::cout << "client: the server says \"" << line << "\"\n";
        // Your code: ask the second question here, and close after its answer instead.
        transport->loseConnection();
    }
};

}  // namespace

int main(int argc, char** argv) {
    return quote::runQuoteServerWith(argc, argv, "exercise-00-architecture", std::make_shared<quote::ClientOf<AskTwice>>());
}
