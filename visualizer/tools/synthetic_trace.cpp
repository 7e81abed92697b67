// recordSyntheticTrace; see synthetic_trace.h.
#include "tools/synthetic_trace.h"

#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "clock/clock.h"
#include "core/reactor.h"
#include "core/handler.h"

namespace lab::viz {

namespace {

using namespace std::chrono_literals;

// One end of a socket pair, read by the reactor; the other end is written by timers.
class Pipe final : public Handler {
public:
    Pipe(Reactor& reactor, int index) : reactor_(reactor), index_(index) {
        int fds[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) throw std::runtime_error("socketpair failed");
        read_ = fds[0];
        write_ = fds[1];
    }
    ~Pipe() override {
        ::close(read_);
        ::close(write_);
    }
    int fileno() const override { return read_; }
    void doRead() override {
        char buffer[256];
        [[maybe_unused]] ssize_t n = ::read(read_, buffer, sizeof buffer);
    }
    // A socket is always writable, so a writer that stayed registered would keep a logical-time
    // loop busy forever: it writes once and stops asking (as a drained transport does).
    void doWrite() override { reactor_.removeWriter(*this); }
    std::string logPrefix() const override { return "Pipe" + std::to_string(index_); }
    void poke() { [[maybe_unused]] ssize_t n = ::write(write_, "x", 1); }

private:
    Reactor& reactor_;
    int index_;
    int read_;
    int write_;
};

// Passes events on and counts them, so the workload stops near the requested size.
class CountingSink final : public TraceSink {
public:
    explicit CountingSink(TraceSink& next) : next_(next) {}
    bool enabled() const override { return next_.enabled(); }
    void header(const TraceHeader& header) override { next_.header(header); }
    void event(const TraceEvent& event) override {
        ++count;
        next_.event(event);
    }
    void flush() override { next_.flush(); }
    std::size_t count = 0;

private:
    TraceSink& next_;
};

}  // namespace

void recordSyntheticTrace(TraceSink& sink, std::size_t events, int sockets) {
    ManualClock clock;
    CountingSink counter(sink);
    Reactor reactor(ReactorOptions{"select", &clock, &counter, "viz-synthetic"});
    std::vector<std::unique_ptr<Pipe>> pipes;
    for (int i = 0; i < sockets; ++i) {
        pipes.push_back(std::make_unique<Pipe>(reactor, i));
        reactor.addReader(*pipes.back());
    }
    std::size_t tick = 0;
    std::shared_ptr<DelayedCall> spare;
    std::function<void()> onTick = [&] {
        ++tick;
        Pipe& pipe = *pipes[tick % pipes.size()];
        pipe.poke();
        if (spare && spare->active()) {
            if (tick % 3 == 0) {
                spare->cancel();
            } else {
                spare->reset(7ms);
            }
        }
        spare = reactor.callLater(20ms, [] {});
        if (tick % 5 == 0) reactor.addWriter(pipe);
        if (counter.count >= events) {
            reactor.stop();
        } else {
            reactor.callLater(10ms, onTick);
        }
    };
    reactor.callLater(10ms, onTick);
    reactor.run();
    for (auto& pipe : pipes) reactor.removeReader(*pipe);
}

}  // namespace lab::viz
