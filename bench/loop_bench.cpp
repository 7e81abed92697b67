// loop-bench: what one turn of the loop costs, with tracing off, through a NullSink, and written
// as JSON Lines. Numbers for the notes, never a timed unit test; wall times on a shared machine
// are noisy, so also run it under `valgrind --tool=callgrind` for instruction counts.
//
//   build/bin/loop-bench [--turns N] [--mode off|null|jsonl] [--backend select|poll]
//
// Each turn: one timer fires and writes a byte to a socketpair, the wait reports it readable,
// and the handler reads it: every phase of runOnce does real work.
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include "core/reactor.h"
#include "trace/json_lines_sink.h"

using namespace std::chrono_literals;

namespace {

class ByteReader : public lab::Handler {
public:
    explicit ByteReader(int fd) : fd_(fd) {}
    int fileno() const override { return fd_; }
    void doRead() override {
        char byte;
        if (::read(fd_, &byte, 1) == 1) ++reads;
    }
    std::string logPrefix() const override { return "ByteReader"; }
    long reads = 0;

private:
    int fd_;
};

int usage(const std::string& why) {
    std::cerr << "loop-bench: " << why << "\nusage: loop-bench [--turns N] [--mode off|null|jsonl] [--backend select|poll]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    long turns = 100000;
    std::string mode = "off";
    std::string backend = "poll";
    for (int i = 1; i < argc; i += 2) {
        std::string flag = argv[i];
        if (i + 1 >= argc) return usage(flag + " needs a value");
        std::string value = argv[i + 1];
        if (flag == "--turns") {
            char* end = nullptr;
            turns = std::strtol(value.c_str(), &end, 10);
            if (*end != '\0' || turns <= 0) return usage("--turns takes a positive whole number, got '" + value + "'");
        } else if (flag == "--mode" && (value == "off" || value == "null" || value == "jsonl")) {
            mode = value;
        } else if (flag == "--backend" && (value == "select" || value == "poll")) {
            backend = value;
        } else {
            return usage("bad argument '" + flag + " " + value + "'");
        }
    }
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) return 1;
    lab::NullSink nullSink;
    std::unique_ptr<lab::JsonLinesSink> fileSink;
    lab::TraceSink* sink = nullptr;
    if (mode == "null") sink = &nullSink;
    if (mode == "jsonl") sink = (fileSink = std::make_unique<lab::JsonLinesSink>("/dev/null")).get();

    lab::ManualClock clock;
    lab::Reactor reactor({backend, &clock, sink, "loop-bench"});
    ByteReader reader(fds[0]);
    reactor.addReader(reader);
    long fired = 0;
    std::function<void()> tick = [&] {
        ++fired;
        if (::write(fds[1], "x", 1) != 1) std::abort();
        if (fired < turns) reactor.callLater(1ms, tick);
    };
    reactor.callLater(1ms, tick);
    auto start = std::chrono::steady_clock::now();
    long loops = 0;
    while (reader.reads < turns) {
        reactor.runOnce();
        ++loops;
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "mode=" << mode << " backend=" << backend << " turns=" << loops << " seconds=" << seconds
              << " ns/turn=" << (seconds * 1e9 / static_cast<double>(loops)) << "\n";
    reactor.removeReader(reader);
    ::close(fds[0]);
    ::close(fds[1]);
    return 0;
}
