// measureWaitCost: what one backend wait costs while many descriptors are watched and idle.
//
// Watches `watched` idle eventfds plus one that is always readable, then times waits with a zero
// timeout through the reactor's own backends (reactor/backends/make_backend.h). select() and
// poll() hand the kernel the whole set on every wait, so their cost grows with it; epoll keeps
// the set in the kernel and a wait costs what is ready (lesson 04). Used by echo-bench.
#pragma once

#include <string>

namespace lab::bench {

// Nanoseconds per wait, averaged over enough waits to take about `seconds`.
double measureWaitCost(const std::string& backend, int watched, double seconds);

}  // namespace lab::bench
