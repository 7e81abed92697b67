// Protocol and Factory: the calls a transport makes, in order; startFactory/stopFactory counting.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "protocol/factory.h"
#include "support/string_transport.h"

using namespace lab;
using namespace lab::test;

namespace {

struct Recorder : Protocol {
    std::vector<std::string> calls;
    void connectionMade() override { calls.push_back("made"); }
    void dataReceived(std::string_view data) override { calls.push_back("data " + std::string(data)); }
};

struct CountingFactory : Factory {
    int starts = 0;
    int stops = 0;
    std::shared_ptr<Protocol> buildProtocol(const Address&) override { return std::make_shared<Recorder>(); }
    void startFactory() override { ++starts; }
    void stopFactory() override { ++stops; }
};

}  // namespace

TEST_CASE("Protocol: makeConnection sets the transport, then calls connectionMade") {
    StringTransport transport;
    Recorder protocol;
    protocol.makeConnection(transport);
    CHECK(protocol.transport == &transport);
    CHECK(protocol.connected);
    CHECK(protocol.calls == std::vector<std::string>{"made"});
}

TEST_CASE("Factory: startFactory runs for the first port and stopFactory after the last") {
    CountingFactory factory;
    factory.doStart();
    factory.doStart();
    CHECK(factory.starts == 1);
    factory.doStop();
    CHECK(factory.stops == 0);
    factory.doStop();
    CHECK(factory.stops == 1);
    factory.doStop();  // one too many: ignored
    CHECK(factory.stops == 1);
}
