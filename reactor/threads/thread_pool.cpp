// ThreadPool; see thread_pool.h.
#include "threads/thread_pool.h"

#include <exception>
#include <iostream>
#include <stdexcept>
#include <string>
#include <utility>

namespace lab {

ThreadPool::ThreadPool(std::size_t maxThreads, std::function<void()> afterEachJob)
    : maxThreads_(maxThreads), afterEachJob_(std::move(afterEachJob)) {
    if (maxThreads == 0) throw std::invalid_argument("ThreadPool: maxThreads must be at least 1");
}

ThreadPool::~ThreadPool() { stop(); }

std::uint64_t ThreadPool::callInThread(std::function<void()> job) {
    std::unique_lock lock(mutex_);
    if (stopping_) throw std::logic_error("ThreadPool::callInThread: the pool has been stopped");
    std::uint64_t id = ++lastId_;
    queue_.push_back(Job{id, std::move(job)});
    ++unfinished_;
    // Start a worker only when none is idle to take the job: threads start lazily, as in Twisted.
    if (idle_ == 0 && threads_.size() < maxThreads_) {
        threads_.emplace_back([this] { work(); });
    } else {
        jobWaiting_.notify_one();
    }
    return id;
}

void ThreadPool::stop() {
    std::deque<Job> dropped;
    std::vector<std::thread> threads;
    {
        std::unique_lock lock(mutex_);
        for (const std::thread& thread : threads_) {
            if (thread.get_id() == std::this_thread::get_id()) {
                throw std::logic_error("ThreadPool::stop: called from one of the pool's own workers");
            }
        }
        stopping_ = true;
        dropped.swap(queue_);
        unfinished_ -= dropped.size();
        threads.swap(threads_);
    }
    jobWaiting_.notify_all();
    // The dropped jobs are destroyed here, on the caller's thread, outside the lock: their
    // captures (a Deferred, for deferToThread) then die on the thread that made them.
    dropped.clear();
    for (std::thread& thread : threads) thread.join();
}

std::size_t ThreadPool::unfinished() const {
    std::unique_lock lock(mutex_);
    return unfinished_;
}

std::size_t ThreadPool::workers() const {
    std::unique_lock lock(mutex_);
    return threads_.size();
}

void ThreadPool::work() {
    std::unique_lock lock(mutex_);
    for (;;) {
        ++idle_;
        jobWaiting_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        --idle_;
        if (stopping_) return;
        Job job = std::move(queue_.front());
        queue_.pop_front();
        lock.unlock();
        try {
            job.fn();
        } catch (const std::exception& e) {
            std::cerr << "reactor-lab: unhandled error in thread pool job " << job.id << ": " << e.what() << "\n";
        } catch (...) {
            std::cerr << "reactor-lab: unhandled error in thread pool job " << job.id << ": (not a std::exception)\n";
        }
        job.fn = nullptr;  // its captures go before the job counts as finished
        lock.lock();
        --unfinished_;
        if (afterEachJob_) {
            lock.unlock();
            afterEachJob_();
            lock.lock();
        }
    }
}

}  // namespace lab
