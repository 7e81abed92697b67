// RecordingHandler: a test handler that records what the reactor asked of it, and can be told
// to do something on read (throw, remove itself, stop the reactor...).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/errors.h"
#include "core/handler.h"

namespace lab::test {

class RecordingHandler : public Handler {
public:
    RecordingHandler(int fd, std::string name = "Recorder") : fd_(fd), name_(std::move(name)) {}

    int fileno() const override { return fd_; }
    void doRead() override {
        calls.push_back("read");
        if (onRead) onRead();
    }
    void doWrite() override {
        calls.push_back("write");
        if (onWrite) onWrite();
    }
    void connectionLost(std::exception_ptr reason) override {
        calls.push_back("lost");
        lostReason = describeException(reason);
    }
    std::string logPrefix() const override { return name_; }

    std::vector<std::string> calls;
    std::string lostReason;
    std::function<void()> onRead;
    std::function<void()> onWrite;

private:
    int fd_;
    std::string name_;
};

}  // namespace lab::test
