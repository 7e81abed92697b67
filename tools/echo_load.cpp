// echo-load: closed-loop load for an echo server. Each of C connections sends one message of
// BYTES bytes, waits until the whole echo is back, checks every byte, and only then sends the
// next: throughput is bounded by round trips, and latency is one message's round trip. The S
// measured seconds start once every connection is up (or has failed), so a thousand handshakes
// through the server's small listen backlog are not counted as slow messages.
//
//   build/bin/echo-load --port N --connections C --size BYTES --seconds S [--backend select|poll|epoll]
//                       [--messages M] [--idle I]
//
// --messages M: instead of a measured time, each connection sends exactly M messages and the
// run ends when all have come back (every message counts); exits 1 unless all C*M did.
// --idle I: I more connections that connect and never send, beside the C active ones: what a
// server pays for connections that are open but quiet (bench/echo_bench.cpp's idle row).
// Prints messages/s, MB/s (payload echoed per second), p50/p99 latency and errors; exits 1 if
// any byte came back wrong, a connection failed, or none completed. Runs on its own reactor
// (poll by default: no FD_SETSIZE limit) under the system clock, with its open-file limit raised
// for C connections (open_file_limit.h). bench/ builds on it.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "core/reactor.h"
#include "transport/tcp.h"
#include "open_file_limit.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Stats {
    std::uint64_t messages = 0;
    std::uint64_t bytes = 0;
    std::uint64_t errors = 0;
    std::vector<double> latenciesUs;
    bool stopping = false;
    bool measuring = false;  // messages count only inside the measured window
    long expected = 0;       // connections asked for
    long active = 0;         // connections that send (the rest are --idle)
    long perConnection = 0;  // --messages: each active connection sends this many, then stops
    long finished = 0;       // --messages: active connections done (all sent, or lost)
    std::function<void()> allFinished;  // --messages: ends the run
    long settled = 0;        // connections made or failed so far
    std::function<void()> allSettled;  // starts the measured window

    void settle() {
        if (++settled == expected && allSettled) allSettled();
    }
    void finish() {
        if (++finished == active && allFinished) allFinished();
    }
};

class LoadClient : public lab::Protocol {
public:
    LoadClient(Stats& stats, std::size_t size, unsigned seed) : stats_(stats), size_(size), seed_(seed) {}
    void connectionMade() override {
        stats_.settle();
        sendNext();
    }
    void dataReceived(std::string_view data) override {
        // The echo may arrive in any pieces; compare each byte as it comes.
        for (char c : data) {
            if (received_ >= size_ || c != expected(received_)) {
                ++stats_.errors;
                transport->abortConnection();
                return;
            }
            ++received_;
        }
        if (received_ < size_) return;
        if (stats_.measuring) {
            auto micros = std::chrono::duration<double, std::micro>(Clock::now() - sentAt_).count();
            ++stats_.messages;
            stats_.bytes += size_;
            stats_.latenciesUs.push_back(micros);
        }
        if (stats_.perConnection > 0 && static_cast<long>(sequence_) == stats_.perConnection) {
            done_ = true;
            stats_.finish();
            return;
        }
        if (!stats_.stopping) sendNext();
    }
    void connectionLost(std::exception_ptr) override {
        if (stats_.stopping) return;
        ++stats_.errors;  // the server dropped us mid-run
        if (stats_.perConnection > 0 && !done_) stats_.finish();
    }

private:
    // A pattern that changes with the connection and the message: a misrouted or stale echo fails.
    char expected(std::size_t i) const { return static_cast<char>((seed_ * 131 + sequence_ * 7 + i) & 0xff); }
    void sendNext() {
        ++sequence_;
        received_ = 0;
        std::string message(size_, '\0');
        for (std::size_t i = 0; i < size_; ++i) message[i] = expected(i);
        sentAt_ = Clock::now();
        transport->write(message);
    }
    Stats& stats_;
    std::size_t size_;
    unsigned seed_;
    std::uint64_t sequence_ = 0;
    std::size_t received_ = 0;
    bool done_ = false;  // --messages: all sent and echoed
    Clock::time_point sentAt_;
};

// An idle connection: connected, counted, silent. It only notices if the server drops it.
class IdleClient : public lab::Protocol {
public:
    explicit IdleClient(Stats& stats) : stats_(stats) {}
    void connectionMade() override { stats_.settle(); }
    void connectionLost(std::exception_ptr) override {
        if (!stats_.stopping) ++stats_.errors;
    }

private:
    Stats& stats_;
};

class IdleFactory : public lab::ClientFactory {
public:
    explicit IdleFactory(Stats& stats) : stats_(stats) {}
    std::shared_ptr<lab::Protocol> buildProtocol(const lab::Address&) override { return std::make_shared<IdleClient>(stats_); }
    void clientConnectionFailed(lab::Connector&, std::exception_ptr reason) override {
        ++stats_.errors;
        std::cerr << "echo-load: idle connection: " << lab::describeException(reason) << "\n";
        stats_.settle();
    }

private:
    Stats& stats_;
};

class LoadFactory : public lab::ClientFactory {
public:
    LoadFactory(Stats& stats, std::size_t size) : stats_(stats), size_(size) {}
    std::shared_ptr<lab::Protocol> buildProtocol(const lab::Address&) override {
        return std::make_shared<LoadClient>(stats_, size_, next_++);
    }
    void clientConnectionFailed(lab::Connector&, std::exception_ptr reason) override {
        ++stats_.errors;
        std::cerr << "echo-load: " << lab::describeException(reason) << "\n";
        stats_.settle();
        if (stats_.perConnection > 0) stats_.finish();
    }

private:
    Stats& stats_;
    std::size_t size_;
    unsigned next_ = 0;
};

[[noreturn]] void usage(const std::string& why) {
    std::cerr << "echo-load: " << why << "\n"
              << "usage: echo-load --port N --connections C --size BYTES --seconds S [--backend select|poll|epoll]\n"
              << "                 [--messages M] [--idle I]\n";
    std::exit(2);
}

long number(const std::string& flag, const std::string& value, long low, long high) {
    char* end = nullptr;
    long n = std::strtol(value.c_str(), &end, 10);
    if (value.empty() || *end != '\0' || n < low || n > high) {
        usage(flag + " needs a number " + std::to_string(low) + ".." + std::to_string(high));
    }
    return n;
}

double percentile(std::vector<double>& values, double p) {
    if (values.empty()) return 0;
    std::size_t k = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
    std::nth_element(values.begin(), values.begin() + static_cast<long>(k), values.end());
    return values[k];
}

}  // namespace

int main(int argc, char** argv) {
    long port = -1, connections = 1, size = 64, seconds = 1, messages = 0, idle = 0;
    std::string backend = "poll";
    for (int i = 1; i < argc; ++i) {
        std::string flag = argv[i];
        if (i + 1 >= argc) usage(flag + " needs a value");
        std::string value = argv[++i];
        if (flag == "--port") port = number(flag, value, 1, 65535);
        else if (flag == "--connections") connections = number(flag, value, 1, 100000);
        else if (flag == "--size") size = number(flag, value, 1, 64 << 20);
        else if (flag == "--seconds") seconds = number(flag, value, 1, 3600);
        else if (flag == "--messages") messages = number(flag, value, 1, 1000000000);
        else if (flag == "--idle") idle = number(flag, value, 0, 100000);
        else if (flag == "--backend") {
            if (value != "select" && value != "poll" && value != "epoll") usage("unknown backend '" + value + "'");
            backend = value;
        } else usage("unknown argument '" + flag + "'");
    }
    if (port < 0) usage("--port is required");
    try {
        // One descriptor per connection, plus stdio and a few the reactor may hold.
        lab::tools::raiseOpenFileLimit(static_cast<rlim_t>(connections + idle) + 32);
        Stats stats;
        stats.expected = connections + idle;
        stats.active = connections;
        stats.perConnection = messages;
        stats.measuring = messages > 0;  // a fixed count counts every message, from the first
        lab::Reactor reactor({backend, nullptr, nullptr, "echo-load"});
        auto factory = std::make_shared<LoadFactory>(stats, static_cast<std::size_t>(size));
        auto idleFactory = std::make_shared<IdleFactory>(stats);
        std::vector<std::unique_ptr<lab::Connector>> connectors;
        for (long c = 0; c < idle; ++c) {
            connectors.push_back(lab::connectTCP(reactor, "127.0.0.1", static_cast<int>(port), idleFactory));
        }
        for (long c = 0; c < connections; ++c) {
            connectors.push_back(lab::connectTCP(reactor, "127.0.0.1", static_cast<int>(port), factory));
        }
        Clock::time_point started = Clock::now();
        stats.allFinished = [&] {
            stats.stopping = true;
            reactor.stop();
        };
        stats.allSettled = [&] {
            if (messages > 0) return;
            stats.measuring = true;
            started = Clock::now();
            reactor.callLater(std::chrono::seconds(seconds), [&] {
                stats.stopping = true;
                reactor.stop();
            });
        };
        reactor.run();
        double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
        connectors.clear();
        std::printf("connections %ld idle %ld size %ld seconds %.2f backend %s\n", connections, idle, size, elapsed,
                    backend.c_str());
        std::printf("messages %llu messages/s %.0f MB/s %.2f p50_us %.1f p99_us %.1f errors %llu\n",
                    static_cast<unsigned long long>(stats.messages), stats.messages / elapsed,
                    stats.bytes / elapsed / 1e6, percentile(stats.latenciesUs, 0.50),
                    percentile(stats.latenciesUs, 0.99), static_cast<unsigned long long>(stats.errors));
        if (messages > 0 && stats.messages != static_cast<std::uint64_t>(connections * messages)) {
            std::cerr << "echo-load: " << stats.messages << " of " << connections * messages << " messages came back\n";
            return 1;
        }
        return stats.errors == 0 && stats.messages > 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "echo-load: " << e.what() << "\n";
        return 1;
    }
}
