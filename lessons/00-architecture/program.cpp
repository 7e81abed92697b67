// Lesson 00: the architecture in one run. One line travels from a socket through the reactor
// to a protocol, into a Deferred, and back out as the reply:
//   socket readable -> Reactor (wait, dispatch) -> TcpTransport::doRead -> LineReceiver
//   -> QuoteProtocol::lineReceived -> a Deferred fired by a timer -> its callback writes the
//   reply -> the transport sends it on a later turn.
// The server is in quote_server.h; this file is the client, which asks for one quote and
// closes. Everything runs on one reactor under a ManualClock, so the trace is the same on every run.
//
// Run:   build/bin/lesson-00-architecture --trace build/traces/00-architecture.jsonl
// Read:  lessons/00-architecture/lesson.md
#include <iostream>
#include <memory>

#include "00-architecture/quote_server.h"

namespace {

// The client: ask about one topic, print the answer, close.
class AskOnce : public lab::LineReceiver {
public:
    void connectionMade() override { sendLine("reactor"); }
    void lineReceived(std::string_view line) override {
        std::cout << "client: the server says \"" << line << "\"\n";
        transport->loseConnection();
    }
};

}  // namespace

int main(int argc, char** argv) {
    return quote::runQuoteServerWith(argc, argv, "lesson-00-architecture", std::make_shared<quote::ClientOf<AskOnce>>());
}
