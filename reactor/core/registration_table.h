// RegistrationTable: fd -> (handler, reading, writing), the reactor's own record of who watches
// which descriptor (lesson 02, "Reader added"). Backends are told only fds and interest.
//
// Indexed by fd, since descriptors are small and dense: dispatch looks an fd up once or twice per
// ready descriptor, and a std::map's tree walk was a quarter of an echo's user-space
// instructions (lesson 04, "Interest changes wait for the wait"). Walking it goes in fd order, as
// the trace's interest lists are written. Tested through the reactor (tests/core/reactor_test.cpp).
#pragma once

#include <cstddef>
#include <vector>

#include "core/handler.h"

namespace lab {

struct Registration {
    Handler* handler = nullptr;  // null: nobody watches this fd
    bool reading = false;
    bool writing = false;
};

class RegistrationTable {
public:
    // The registration on fd, or null.
    Registration* find(int fd) {
        if (fd < 0 || static_cast<std::size_t>(fd) >= slots_.size()) return nullptr;
        Registration& slot = slots_[static_cast<std::size_t>(fd)];
        return slot.handler ? &slot : nullptr;
    }
    const Registration* find(int fd) const { return const_cast<RegistrationTable*>(this)->find(fd); }

    // The fd `handler` is registered on, or -1. By its current fd first; a handler that already
    // closed its fd (fileno() == -1) is found by looking at every slot, so it can still be removed.
    int fdOf(const Handler& handler) const {
        int fd = handler.fileno();
        if (const Registration* r = find(fd); r && r->handler == &handler) return fd;
        for (std::size_t i = 0; i < slots_.size(); ++i) {
            if (slots_[i].handler == &handler) return static_cast<int>(i);
        }
        return -1;
    }

    // Precondition: fd >= 0 and `registration.handler` set.
    void set(int fd, Registration registration) {
        std::size_t slot = static_cast<std::size_t>(fd);
        if (slot >= slots_.size()) slots_.resize(slot + 1);
        if (!slots_[slot].handler) ++count_;
        slots_[slot] = registration;
    }
    void erase(int fd) {
        if (Registration* r = find(fd)) {
            *r = Registration{};
            --count_;
        }
    }

    std::size_t size() const { return count_; }
    // Calls f(fd, registration) for each registration, in ascending fd order.
    template <typename F>
    void forEach(F f) const {
        for (std::size_t i = 0; i < slots_.size(); ++i) {
            if (slots_[i].handler) f(static_cast<int>(i), slots_[i]);
        }
    }

private:
    std::vector<Registration> slots_;
    std::size_t count_ = 0;
};

}  // namespace lab
