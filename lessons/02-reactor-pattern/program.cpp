// Lesson 02: the Reactor pattern (article 2.2.1-2.2.2).
//
// Two handlers, each a Selectable that owns one end of a socketpair, are registered with the
// reactor for reading. Timers play the outside world: they write lines into the other ends and
// finally close them. The reactor never calls a handler until the backend says its descriptor
// is readable, and then calls exactly that handler: that is the whole pattern. Run it with
// --backend select and --backend poll: the traces differ only in their header.
//
// Run:   build/bin/lesson-02-reactor-pattern --trace build/traces/02-reactor-pattern.jsonl
// Read:  lessons/02-reactor-pattern/lesson.md
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <system_error>

#include "core/reactor.h"
#include "lesson_args.h"
#include "trace/json_lines_sink.h"

using namespace std::chrono_literals;

namespace {

// An event handler (article 2.2.2): it owns its descriptor and knows what to do when it is
// readable. It reads what is there, prints each complete line, and on end-of-file unregisters
// itself and tells whoever owns it.
class LineReader : public lab::Selectable {
public:
    LineReader(lab::Reactor& reactor, int fd, std::string name, std::function<void()> onClosed)
        : reactor_(reactor), fd_(fd), name_(std::move(name)), onClosed_(std::move(onClosed)) {}
    ~LineReader() override {
        if (fd_ >= 0) ::close(fd_);
    }

    int fileno() const override { return fd_; }
    std::string logPrefix() const override { return name_; }

    void doRead() override {
        char buffer[512];
        ssize_t n = ::read(fd_, buffer, sizeof buffer);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;  // nothing after all: wait again
        if (n < 0) throw std::system_error(errno, std::generic_category(), name_ + " read");
        if (n == 0) {
            std::cout << "  [" << name_ << "] end of input\n";
            reactor_.removeReader(*this);
            ::close(fd_);
            fd_ = -1;
            onClosed_();
            return;
        }
        pending_.append(buffer, static_cast<std::size_t>(n));
        for (auto end = pending_.find('\n'); end != std::string::npos; end = pending_.find('\n')) {
            std::cout << "  [" << name_ << "] line: " << pending_.substr(0, end) << "\n";
            pending_.erase(0, end + 1);
        }
    }

private:
    lab::Reactor& reactor_;
    int fd_;
    std::string name_;
    std::function<void()> onClosed_;
    std::string pending_;  // bytes of a line whose end has not arrived yet
};

// One socketpair: `inside` for the handler, `outside` for the timers that play the world.
struct Channel {
    int inside = -1;
    int outside = -1;
    Channel() {
        int fds[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) throw std::system_error(errno, std::generic_category(), "socketpair");
        inside = fds[0];
        outside = fds[1];
    }
    void send(const std::string& text) const {
        if (::write(outside, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
            throw std::system_error(errno, std::generic_category(), "write");
        }
    }
    void closeOutside() {
        if (outside >= 0) ::close(outside);
        outside = -1;
    }
    ~Channel() { closeOutside(); }  // `inside` belongs to its LineReader
    Channel(const Channel&) = delete;
    Channel& operator=(const Channel&) = delete;
};

void run(lab::Reactor& reactor) {
    Channel chat;
    Channel log;
    int open = 2;
    auto closed = [&] {
        if (--open == 0) reactor.stop();  // both handlers saw end-of-file: we are done
    };
    LineReader chatReader(reactor, chat.inside, "ChatReader", closed);
    LineReader logReader(reactor, log.inside, "LogReader", closed);

    // Register the handlers: from now on the reactor demultiplexes readiness to them.
    reactor.addReader(chatReader);
    reactor.addReader(logReader);

    // The outside world, on a timetable.
    reactor.callLater(1s, [&] { chat.send("hello\n"); });
    reactor.callLater(2s, [&] {
        chat.send("how are you?\n");
        log.send("user joined\n");  // both descriptors are ready in the same turn
    });
    reactor.callLater(3s, [&] { chat.send("part of a line..."); });
    reactor.callLater(4s, [&] { chat.send(" and its end\n"); });
    reactor.callLater(5s, [&] {
        chat.closeOutside();
        log.closeOutside();
    });
    reactor.run();
}

}  // namespace

int main(int argc, char** argv) {
    lesson::Args args = lesson::parseArgs(argc, argv);
    try {
        std::unique_ptr<lab::JsonLinesSink> sink;
        if (!args.trace.empty()) sink = std::make_unique<lab::JsonLinesSink>(args.trace);
        lab::ManualClock clock;
        lab::Reactor reactor({args.backend, &clock, sink.get(), "lesson-02-reactor-pattern"});
        std::cout << "The Reactor pattern on " << reactor.backendName() << " (manual clock)\n";
        run(reactor);
        if (sink) sink->close();
    } catch (const std::exception& e) {
        std::cerr << argv[0] << ": " << e.what() << "\n";
        return 1;
    }
    return 0;
}
