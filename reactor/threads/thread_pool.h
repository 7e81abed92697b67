// ThreadPool: a few worker threads that run blocking or CPU-bound jobs off the reactor thread
// (Twisted's twisted.python.threadpool.ThreadPool).
//
// callInThread(job) queues a job; an idle worker takes it, or a new worker starts, up to
// maxThreads (threads start lazily, as in Twisted). Jobs run in the order queued, several at a
// time. A job that throws is reported on stderr and the worker goes on.
// Shutdown, stop(): jobs not yet started are dropped (destroyed on the thread that calls stop());
// jobs already running cannot be interrupted in C++, so stop() waits for them and joins every
// worker. Afterwards callInThread throws. The destructor stops the pool.
// The pool knows nothing of reactors or traces: deferToThread (defer_to_thread.h) brings the
// results back, and the reactor owns one pool (Reactor::getThreadPool).
// Taught in lessons/04-sync-vs-reactor; tested in tests/threads/thread_pool_test.cpp.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace lab {

class ThreadPool {
public:
    // afterEachJob runs on the worker after every job (and after the count of unfinished jobs
    // went down): the reactor passes its Waker's wakeUp so a wait can notice (reactor.h).
    explicit ThreadPool(std::size_t maxThreads = 4, std::function<void()> afterEachJob = {});
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    // Queue a job; returns its id (1, 2, ... in the order queued). Any thread.
    // std::logic_error once stop() has been called.
    std::uint64_t callInThread(std::function<void()> job);
    // Drop the jobs not yet started, wait for the running ones, join the workers. Idempotent.
    // std::logic_error when called from one of the pool's own workers (it would join itself).
    void stop();

    std::size_t maxThreads() const { return maxThreads_; }
    // Queued or running jobs. Any thread.
    std::size_t unfinished() const;
    // Workers started so far (never more than maxThreads). Any thread.
    std::size_t workers() const;

private:
    struct Job {
        std::uint64_t id = 0;
        std::function<void()> fn;
    };
    void work();

    const std::size_t maxThreads_;
    const std::function<void()> afterEachJob_;
    // Everything below is guarded by mutex_.
    mutable std::mutex mutex_;
    std::condition_variable jobWaiting_;
    std::deque<Job> queue_;
    std::vector<std::thread> threads_;
    std::size_t idle_ = 0;        // workers waiting for a job
    std::size_t unfinished_ = 0;  // queued + running
    std::uint64_t lastId_ = 0;
    bool stopping_ = false;
};

}  // namespace lab
