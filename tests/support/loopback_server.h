// LoopbackServer: the setup most real-socket tests share: a reactor on a manual clock recording
// its trace, a RecordingFactory, and a port listening on 127.0.0.1 (port 0: the kernel picks).
#pragma once

#include <memory>
#include <sstream>
#include <string>

#include "clock/clock.h"
#include "core/reactor.h"
#include "support/recording_protocol.h"
#include "trace/memory_sink.h"
#include "transport/tcp.h"

namespace lab::test {

struct LoopbackServer {
    explicit LoopbackServer(const std::string& backend)
        : reactor({backend, &clock, &sink, "", &notices}), port(listenTCP(reactor, 0, factory)) {}

    int portNumber() const { return port->getHost().port; }
    // The protocol the factory built for the index-th accepted connection.
    Recording& server(std::size_t index = 0) const { return *factory->built.at(index); }

    ManualClock clock;
    MemorySink sink;
    std::ostringstream notices;  // the reactor's stderr lines (RefusalNotice)
    Reactor reactor;
    std::shared_ptr<RecordingFactory> factory = std::make_shared<RecordingFactory>();
    std::unique_ptr<ListeningPort> port;
};

}  // namespace lab::test
