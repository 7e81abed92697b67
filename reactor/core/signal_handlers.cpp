// Stop-signal handlers; see signal_handlers.h.
#include "core/signal_handlers.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <stdexcept>

namespace lab {

namespace {
// Touched by the handler. A handler may use only lock-free atomics (or volatile sig_atomic_t,
// C++ [support.signal]); atomics also make the note safe to read from the loop's thread when
// the signal was delivered to another thread, which volatile alone would not.
static_assert(std::atomic<int>::is_always_lock_free, "the signal note needs a lock-free atomic");
std::atomic<int> wakeFd = -1;
std::atomic<int> pendingSignal = 0;
bool installed = false;
struct sigaction previousInt {};
struct sigaction previousTerm {};

extern "C" void onStopSignal(int signal) {
    int saved = errno;
    pendingSignal = signal;
    char byte = 's';
    (void)!::write(wakeFd.load(), &byte, 1);  // EAGAIN: bytes already pending, the loop wakes anyway
    errno = saved;
}
}  // namespace

void installStopSignalHandlers(int fd) {
    if (installed) {
        throw std::logic_error("installSignalHandlers(): SIGINT/SIGTERM handlers are already installed "
                               "for another reactor; only one reactor at a time can own them");
    }
    wakeFd = fd;
    pendingSignal = 0;
    struct sigaction action {};
    action.sa_handler = onStopSignal;
    ::sigemptyset(&action.sa_mask);
    // No SA_RESTART: an interrupted wait returns EINTR, the backend retries it, and by then the
    // byte is in the pipe, so the retried wait returns at once.
    ::sigaction(SIGINT, &action, &previousInt);
    ::sigaction(SIGTERM, &action, &previousTerm);
    installed = true;
}

void restoreStopSignalHandlers() {
    if (!installed) return;
    ::sigaction(SIGINT, &previousInt, nullptr);
    ::sigaction(SIGTERM, &previousTerm, nullptr);
    wakeFd = -1;
    installed = false;
}

int takePendingStopSignal() { return pendingSignal.exchange(0); }

const char* stopSignalName(int signal) {
    switch (signal) {
        case SIGINT: return "SIGINT";
        case SIGTERM: return "SIGTERM";
        default: return "signal";
    }
}

}  // namespace lab
