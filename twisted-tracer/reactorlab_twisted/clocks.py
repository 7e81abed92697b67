"""Clocks: where the traced reactor's time comes from, and what a trace's `t` is.

Twisted measures time as float seconds from `reactor.seconds()` (wall-clock time.time() by
default); a trace measures integer nanoseconds. The tracing reactor asks one of these:

  ManualClock  logical time, as our ManualClock and Twisted's task.Clock: it moves only when the
               loop's wait finds nothing ready, and then by the whole timeout, straight to the next
               timer (advanceTo). Under it a Twisted program writes the same trace on every run.
  SystemClock  Twisted's own time.time() for the program; the trace's `t` is nanoseconds of
               time.monotonic_ns() since the clock was made (ours is steady_clock too).

traceNs(seconds) turns a time on the reactor's scale (a DelayedCall's getTime()) into the trace's.
Not here: the wait itself (waits.py decides when to advance). Tested in tests/test_clocks.py.
"""

import time


def nanoseconds(seconds):
    """A duration in float seconds as whole nanoseconds (a delay of 0.1 s is 100000000 ns)."""
    return int(round(seconds * 1e9))


class ManualClock:
    kind = "manual"
    waitsForReal = False

    def __init__(self):
        self._now = 0.0

    def seconds(self):
        return self._now

    def nowNs(self):
        return nanoseconds(self._now)

    def traceNs(self, seconds):
        return nanoseconds(seconds)

    def advanceTo(self, when):
        """Jump to `when` (float seconds): the exact float a timer was scheduled for, so that the
        timer is due afterwards even where now + timeout would round below it. Never backwards."""
        if when > self._now:
            self._now = when


class SystemClock:
    kind = "system"
    waitsForReal = True

    def __init__(self):
        self._epoch = time.monotonic_ns()

    def seconds(self):
        return time.time()

    def nowNs(self):
        return time.monotonic_ns() - self._epoch

    def traceNs(self, seconds):
        return self.nowNs() + nanoseconds(seconds - time.time())

    def advanceTo(self, when):
        pass  # the real wait already took that time
