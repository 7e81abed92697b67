"""Timers: Twisted's DelayedCall, traced as our timer_scheduled / cancelled / reset / fired.

callLater (base.ReactorBase.callLater) makes a DelayedCall; the tracing reactor gives it a
logical id (timer 1, 2, ... in the order scheduled), makes it a TracedDelayedCall (a subclass
that adds nothing but the trace to cancel, reset and delay) and wraps its function so that
runUntilCurrent, which calls `call.func(*call.args, **call.kw)` itself, announces timer_fired
just before the function runs (and error_logged when it raises, which Twisted logs and survives). `at` is the line that called callLater: a lesson's, or Twisted's
own (tcp.py's connect timeout, task.py's deferLater), which is "who scheduled it".

Not here: the "due" count of timers_run (tracing_reactor.py, before runUntilCurrent runs).
Tested in tests/test_timers.py.
"""

import functools

from twisted.internet import base

from . import names
from .clocks import nanoseconds
from .results import errorText

_BASE_PY = base.__file__


class TracedDelayedCall(base.DelayedCall):
    def cancel(self):
        pending = not (self.cancelled or self.called)
        super().cancel()
        if pending:
            self._labReactor._labEmit("timer_cancelled", {"timer": self._labId})

    def reset(self, secondsFromNow):
        super().reset(secondsFromNow)
        self._labMoved()

    def delay(self, secondsLater):
        super().delay(secondsLater)
        self._labMoved()

    def _labMoved(self):
        reactor = self._labReactor
        reactor._labEmit("timer_reset", {"timer": self._labId, "due_ns": reactor._labClock.traceNs(self.getTime())})


def traceScheduled(reactor, call, delay):
    """Called with the DelayedCall that callLater just made."""
    call.__class__ = TracedDelayedCall
    call._labReactor = reactor
    reactor._labTimers += 1
    call._labId = reactor._labTimers
    timesOut = reactor._labTakeTimeoutFor()
    call.func = _firing(reactor, call, call.func, timesOut)
    if reactor._labWriter.on:
        delayNs = nanoseconds(delay)
        reactor._labEmit("timer_scheduled", {
            "timer": call._labId, "delay_ns": delayNs, "due_ns": reactor._labClock.nowNs() + delayNs,
            "at": names.callerLocation(skipFiles=(_BASE_PY,))})
    return call


def _firing(reactor, call, fn, timesOut):
    """fn, announced as timer_fired when runUntilCurrent calls it. `timesOut` is (deferred id,
    timeout ns) when this is addTimeout's timer: Deferred timed out comes next, as in ours."""

    @functools.wraps(fn)
    def fire(*args, **kw):
        reactor._labEmit("timer_fired", {"timer": call._labId})
        if timesOut is not None:
            reactor._labEmit("deferred_timed_out", {"deferred": timesOut[0], "timeout_ns": timesOut[1]})
        try:
            return fn(*args, **kw)
        except BaseException as e:
            # runUntilCurrent logs it (log.deferr) and goes on: ours writes error_logged there.
            reactor._labEmit("error_logged", {"source": f"timer {call._labId}", "error": errorText(e)})
            raise

    return fire
