// Reference solution of exercise 00 (lessons/00-architecture/exercise.cpp): the client asks its
// second question from the first answer's lineReceived. Tested in CI so the exercise stays solvable.
#include <iostream>

#include "00-architecture/quote_server.h"

namespace {

class AskTwice : public lab::LineReceiver {
public:
    void connectionMade() override { sendLine("reactor"); }
    void lineReceived(std::string_view line) override {
        std::cout << "client: the server says \"" << line << "\"\n";
        if (++answers_ == 1) {
            sendLine("deferred");
        } else {
            transport->loseConnection();
        }
    }

private:
    int answers_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
    return quote::runQuoteServerWith(argc, argv, "exercise-00-architecture", std::make_shared<quote::ClientOf<AskTwice>>());
}
