// Waker: the self-pipe that lets another thread, or a signal handler, wake a blocked wait
// (Twisted's posixbase._UnixWaker / _FDWaker).
//
// A pipe, both ends O_NONBLOCK and O_CLOEXEC. Its read end is an ordinary reader the reactor
// watches; wakeUp() writes one byte to the write end, which makes the wait return. doRead()
// drains whatever bytes piled up: one wake-up or a hundred, the loop turns once.
// wakeUp() is async-signal-safe (one write(), errno kept) and thread-safe (the kernel orders
// writes to a pipe). The reactor makes its Waker on first need, so a program that never uses
// threads or signals has no extra descriptor in its trace.
// Not here: the queue of calls it wakes the loop for (Reactor::callFromThread, reactor_threads.cpp).
// Taught in lessons/04-sync-vs-reactor; tested in tests/threads/call_from_thread_test.cpp.
#pragma once

#include <string>

#include "core/handler.h"

namespace lab {

class Waker final : public Handler {
public:
    Waker();
    ~Waker() override;
    Waker(const Waker&) = delete;
    Waker& operator=(const Waker&) = delete;

    // Make the loop's current or next wait return. Safe from any thread and in a signal handler.
    void wakeUp() const;
    // The descriptor wakeUp() writes to, for a signal handler that cannot call a member.
    int writeEnd() const { return pipe_[1]; }
    // Read and discard every pending byte; returns true if there was at least one.
    bool drain();

    int fileno() const override { return pipe_[0]; }
    void doRead() override { drain(); }
    std::string logPrefix() const override { return "Waker"; }

private:
    int pipe_[2] = {-1, -1};  // [0] read end (watched), [1] write end
};

}  // namespace lab
