// Flow control: a producer is paused above the high-water mark and resumed once the buffer drains.
#include <catch2/catch.hpp>

#include <string>

#include "trace/memory_sink.h"
#include "transport/tcp.h"
#include "support/run_until.h"
#include "support/recording_protocol.h"
#include "support/raw_client.h"

using namespace lab;
using namespace lab::test;

namespace {

// Writes 16 KiB pieces while not paused, until `total` bytes are out.
struct Pump : IProducer {
    ITransport* transport = nullptr;
    std::size_t total = 0;
    std::size_t written = 0;
    bool paused = false;
    int pauses = 0;
    int resumes = 0;
    void pauseProducing() override {
        paused = true;
        ++pauses;
    }
    void resumeProducing() override {
        paused = false;
        ++resumes;
        produce();
    }
    void produce() {
        while (!paused && written < total) {
            std::size_t piece = std::min<std::size_t>(16384, total - written);
            written += piece;
            transport->write(std::string(piece, 'p'));
        }
    }
};

}  // namespace

TEST_CASE("TcpTransport: a streaming producer is paused above the high-water mark and resumed when drained") {
    auto backend = GENERATE(as<std::string>{}, "select", "poll");
    ManualClock clock;
    MemorySink sink;
    Reactor reactor({backend, &clock, &sink});
    Pump pump;
    pump.total = 1 << 20;
    auto factory = std::make_shared<RecordingFactory>();
    factory->configure = [&](Recording& p) {
        p.onMade = [&](Recording& self) {
            pump.transport = self.transport;
            self.transport->registerProducer(pump, true);
            pump.produce();
        };
    };
    auto port = listenTCP(reactor, 0, factory);
    RawClient client(port->getHost().port);
    REQUIRE(runUntil(reactor, [&] { return pump.transport != nullptr; }));
    // Nothing was sent yet: the buffer grew to just above the mark and the pump stopped there.
    CHECK(pump.paused);
    CHECK(pump.written > TcpTransport::kHighWaterMark);
    CHECK(pump.written <= TcpTransport::kHighWaterMark + 16384);

    ClientReader reader(reactor, client);
    REQUIRE(runUntil(reactor, [&] { return reader.got.size() == pump.total; }, 20000));
    CHECK(pump.pauses >= 2);
    CHECK(pump.resumes == pump.pauses);
    CHECK(sink.ofKind("producer_paused").size() == static_cast<std::size_t>(pump.pauses));
    CHECK(sink.ofKind("producer_resumed").size() == static_cast<std::size_t>(pump.resumes));
    // Every pause happened with more than the mark buffered.
    for (const auto& event : sink.ofKind("producer_paused")) CHECK(event["buffered"].get<std::size_t>() > TcpTransport::kHighWaterMark);
}
