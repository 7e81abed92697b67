// StringTransport: an ITransport test double that records what a protocol writes and how it
// asked to close, with no socket and no reactor (Twisted's proto_helpers.StringTransport).
// Protocol tests feed dataReceived any chunking they like and read value().
#pragma once

#include <string>
#include <string_view>

#include "interfaces/transport.h"

namespace lab::test {

class StringTransport final : public ITransport {
public:
    void write(std::string_view data) override { written_.append(data); }
    void loseConnection() override { disconnecting_ = true; }
    void abortConnection() override { aborted = true; }
    void loseWriteConnection() override { writeClosed = true; }
    bool disconnecting() const override { return disconnecting_; }
    Address getPeer() const override { return Address{"127.0.0.1", 40000}; }
    Address getHost() const override { return Address{"127.0.0.1", 1234}; }
    void registerProducer(IProducer& p, bool isStreaming) override {
        producer = &p;
        streaming = isStreaming;
    }
    void unregisterProducer() override { producer = nullptr; }

    // Everything written so far.
    const std::string& value() const { return written_; }
    void clear() { written_.clear(); }

    bool aborted = false;
    bool writeClosed = false;
    IProducer* producer = nullptr;
    bool streaming = false;

private:
    std::string written_;
    bool disconnecting_ = false;
};

}  // namespace lab::test
