// IProducer: something that writes into a transport and can be told to slow down (Twisted's
// IPushProducer / IPullProducer). Flow control: when a transport's write buffer grows above its
// high-water mark it calls pauseProducing(); once the buffer is drained it calls
// resumeProducing(). A streaming (push) producer writes on its own schedule and is only paused
// and resumed; a pull producer is asked for more (resumeProducing) every time the buffer empties.
// Used by TcpTransport::registerProducer; tested in tests/transport/tcp_producer_test.cpp.
#pragma once

namespace lab {

class IProducer {
public:
    virtual ~IProducer() = default;
    virtual void pauseProducing() {}
    virtual void resumeProducing() = 0;
    // The transport is going away: stop for good.
    virtual void stopProducing() {}
};

}  // namespace lab
