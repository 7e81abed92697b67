// raiseOpenFileLimit: every connection is a descriptor, and the usual soft limit (1024) stops a
// process near a thousand connections. The tools lift their soft RLIMIT_NOFILE to the hard limit
// at start, as servers commonly do, and refuse to run when even that is below what they need:
// failing at start says why, failing at connection 1,021 would only say EMFILE.
#pragma once

#include <sys/resource.h>

#include <stdexcept>
#include <string>

namespace lab::tools {

// Raise the soft limit to the hard one and return it. echo-bench uses this alone: it skips the
// points the limit cannot hold instead of refusing the whole run.
inline rlim_t liftOpenFileLimit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) throw std::runtime_error("getrlimit(RLIMIT_NOFILE) failed");
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) throw std::runtime_error("setrlimit(RLIMIT_NOFILE) failed");
    }
    return limit.rlim_cur;
}

// Raise the soft limit to the hard one; throw if the result is below `needed`.
inline void raiseOpenFileLimit(rlim_t needed) {
    rlim_t lifted = liftOpenFileLimit();
    if (lifted < needed) {
        throw std::runtime_error("needs " + std::to_string(needed) + " open files but the hard limit (RLIMIT_NOFILE) is " +
                                 std::to_string(lifted) + "; raise it (ulimit -Hn as root, or limits.conf)");
    }
}

}  // namespace lab::tools
