// Descriptor-limit helpers for the tests that run a process out of descriptors (EMFILE, select's
// FD_SETSIZE): the lowest free descriptor number, and a soft limit lowered for one test.
#pragma once

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

namespace lab::test {

// The number the next open() would return.
inline int lowestFreeFd() {
    int fd = ::open("/dev/null", O_RDONLY);
    ::close(fd);
    return fd;
}

// Lowers the soft descriptor limit for one test, restoring it after.
struct FdLimit {
    rlimit saved{};
    explicit FdLimit(rlim_t soft) {
        ::getrlimit(RLIMIT_NOFILE, &saved);
        rlimit lowered = saved;
        lowered.rlim_cur = soft;
        ::setrlimit(RLIMIT_NOFILE, &lowered);
    }
    ~FdLimit() { ::setrlimit(RLIMIT_NOFILE, &saved); }
    FdLimit(const FdLimit&) = delete;
    FdLimit& operator=(const FdLimit&) = delete;
};

}  // namespace lab::test
