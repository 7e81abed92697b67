// Waker; see waker.h.
#include "core/waker.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace lab {

Waker::Waker() {
    if (::pipe2(pipe_, O_NONBLOCK | O_CLOEXEC) != 0) {
        throw std::runtime_error(std::string("Waker: pipe2() failed: ") + std::strerror(errno));
    }
}

Waker::~Waker() {
    ::close(pipe_[0]);
    ::close(pipe_[1]);
}

void Waker::wakeUp() const {
    int saved = errno;  // a signal handler must leave errno as it found it
    char byte = 'x';
    // EAGAIN means the pipe is full: bytes are already pending, so the loop will wake anyway and
    // one more would add nothing. EINTR likewise: a wake-up is only a hint, and callers queue
    // their work before calling this. Nothing else can fail on a pipe we own.
    (void)!::write(pipe_[1], &byte, 1);
    errno = saved;
}

bool Waker::drain() {
    char bytes[64];
    bool any = false;
    for (;;) {
        ssize_t n = ::read(pipe_[0], bytes, sizeof bytes);
        if (n > 0) {
            any = true;
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        return any;  // EAGAIN: empty now
    }
}

}  // namespace lab
