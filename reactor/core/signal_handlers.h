// Signal handlers for SIGINT and SIGTERM that only note the signal and wake the loop
// (Twisted's _SignalReactorMixin / _handleSignals, made async-signal-safe for C++).
//
// A signal handler may interrupt the loop anywhere, even inside malloc or a trace write, so it
// may do almost nothing: it stores the signal number in a lock-free atomic and writes one
// byte to the reactor's Waker (write() is async-signal-safe). The loop reads the note at the
// start of its next turn, on its own thread, and calls stop() there (Reactor::runThreadCalls).
// Process-wide by nature: one reactor at a time owns the handlers; the previous dispositions
// come back when it is destroyed. Opt-in through Reactor::installSignalHandlers().
// Tested in tests/threads/signal_test.cpp.
#pragma once

namespace lab {

// Route SIGINT and SIGTERM to a note and a byte written to `wakeFd`. Throws std::logic_error
// if they are already installed (for another reactor).
void installStopSignalHandlers(int wakeFd);
// Put back the dispositions that were there before; nothing if not installed.
void restoreStopSignalHandlers();
// The signal noted since the last call (and clear it), or 0.
int takePendingStopSignal();
// "SIGINT", "SIGTERM", or "signal" for any other.
const char* stopSignalName(int signal);

}  // namespace lab
