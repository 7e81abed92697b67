// ConnectionRegistry: the threaded echo server's list of open connections, so that stopping can
// reach threads that are blocked in read().
//
// A blocked thread cannot be told to stop; its socket can. shutdownAll() shuts every registered
// socket down, which makes each blocked read() return end of file, and waitUntilEmpty() waits for
// the threads to say they are done. The registry owns the descriptors: remove() closes one under
// the lock, so shutdownAll() never touches a number the kernel has already handed out again.
// Not a thread pool: threads are detached and only report here. Used by
// tools/threaded_echo_server.cpp; covered by tests/tools/threaded_echo_smoke.sh.
#pragma once

#include <sys/socket.h>
#include <unistd.h>

#include <condition_variable>
#include <map>
#include <mutex>

namespace lab::tools {

class ConnectionRegistry {
public:
    // Called by the accepting thread before the connection's thread starts.
    void add(int thread, int fd) {
        std::lock_guard<std::mutex> lock(mutex_);
        open_[thread] = fd;
    }

    // Called by a connection's thread as its last act: closes its descriptor.
    void remove(int thread) {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = open_.find(thread);
        if (it == open_.end()) return;
        ::close(it->second);
        open_.erase(it);
        emptied_.notify_all();  // under the lock: the waiter cannot return and destroy us before this ends
    }

    void shutdownAll() {
        std::lock_guard<std::mutex> lock(mutex_);
        for (const auto& [thread, fd] : open_) ::shutdown(fd, SHUT_RDWR);
    }

    void waitUntilEmpty() {
        std::unique_lock<std::mutex> lock(mutex_);
        emptied_.wait(lock, [this] { return open_.empty(); });
    }

private:
    std::mutex mutex_;
    std::condition_variable emptied_;
    std::map<int, int> open_;  // thread id -> its connection's fd; guarded by mutex_
};

}  // namespace lab::tools
