// ThreadPool: jobs run once each on at most maxThreads workers; stop() drops what has not
// started, waits for what has, and refuses more; a job that throws does not kill its worker.
#include <catch2/catch.hpp>

#include <atomic>
#include <functional>
#include <future>
#include <latch>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "threads/thread_pool.h"
#include "support/on_destroy.h"

using namespace lab;

TEST_CASE("ThreadPool: runs every job exactly once, off the caller's thread, on at most maxThreads workers") {
    constexpr int kJobs = 200;
    ThreadPool pool(3);
    std::latch done(kJobs);
    std::mutex mutex;
    std::multiset<int> ran;
    std::set<std::thread::id> workers;
    for (int i = 0; i < kJobs; ++i) {
        pool.callInThread([&, i] {
            {
                std::lock_guard lock(mutex);
                ran.insert(i);
                workers.insert(std::this_thread::get_id());
            }
            done.count_down();
        });
    }
    done.wait();
    pool.stop();
    REQUIRE(ran.size() == kJobs);
    for (int i = 0; i < kJobs; ++i) CHECK(ran.count(i) == 1);
    CHECK(workers.size() <= 3);
    CHECK(workers.count(std::this_thread::get_id()) == 0);
    CHECK(pool.workers() == 0);  // joined
    CHECK(pool.unfinished() == 0);
}

TEST_CASE("ThreadPool: job ids count up from 1 in the order queued") {
    ThreadPool pool(1);
    CHECK(pool.callInThread([] {}) == 1);
    CHECK(pool.callInThread([] {}) == 2);
}

TEST_CASE("ThreadPool: stop drops the jobs not started, waits for the running one, then refuses new jobs") {
    ThreadPool pool(1);
    std::promise<void> started;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<bool> firstFinished = false;
    std::atomic<bool> secondRan = false;
    pool.callInThread([&] {
        started.set_value();
        released.wait();
        firstFinished = true;
    });
    // The second job can only start after the first: when stop() drops it, its captures are
    // destroyed, and that releases the first job. So stop() has to wait for a running job.
    auto guard = std::make_shared<OnDestroy>([&] { release.set_value(); });
    pool.callInThread([&, guard] { secondRan = true; });
    guard.reset();
    started.get_future().wait();
    pool.stop();
    CHECK(firstFinished);
    CHECK_FALSE(secondRan);
    CHECK(pool.unfinished() == 0);
    CHECK_THROWS_AS(pool.callInThread([] {}), std::logic_error);
    pool.stop();  // twice is fine
}

TEST_CASE("ThreadPool: a job that throws is reported and its worker takes the next job") {
    ThreadPool pool(1);
    std::promise<std::thread::id> second;
    std::promise<std::thread::id> first;
    pool.callInThread([&] {
        first.set_value(std::this_thread::get_id());
        throw std::runtime_error("job failed on purpose");
    });
    pool.callInThread([&] { second.set_value(std::this_thread::get_id()); });
    auto firstWorker = first.get_future().get();
    CHECK(second.get_future().get() == firstWorker);  // one worker: it survived the throw
    CHECK(pool.workers() == 1);
}

TEST_CASE("ThreadPool: stop from one of its own workers is refused") {
    ThreadPool pool(1);
    std::promise<std::string> refused;
    pool.callInThread([&] {
        try {
            pool.stop();
            refused.set_value("not refused");
        } catch (const std::logic_error& e) {
            refused.set_value(e.what());
        }
    });
    CHECK_THAT(refused.get_future().get(), Catch::Contains("own workers"));
}

TEST_CASE("ThreadPool: calls afterEachJob once per finished job, after the job stopped counting as unfinished") {
    std::vector<std::size_t> unfinishedSeen;  // written by the one worker, read after stop()
    ThreadPool* self = nullptr;
    ThreadPool pool(1, [&] { unfinishedSeen.push_back(self->unfinished()); });
    self = &pool;
    std::promise<void> allQueued;
    std::shared_future<void> queued = allQueued.get_future().share();
    std::latch done(3);
    pool.callInThread([&] {
        queued.wait();
        done.count_down();
    });
    pool.callInThread([&] { done.count_down(); });
    pool.callInThread([&] { done.count_down(); });
    allQueued.set_value();
    done.wait();
    pool.stop();  // joins the worker: its writes are visible after this
    CHECK(unfinishedSeen == std::vector<std::size_t>{2, 1, 0});
}
