"""The wait: Twisted's one system call per turn, observed where doSelect/doPoll make it.

Each backend makes the call its own way, so each gets a small observer that puts itself where
the reactor looks for it, and leaves Twisted's doSelect/doPoll (and their dispatch loops) to run
as they are:
  select  doSelect calls the module-level `selectreactor._select` each turn: SelectWaits puts a
          function there that calls the real select.select.
  poll    doPoll calls `self._poller.poll(ms)`, epoll `self._poller.poll(seconds, maxevents)`:
          PollWaits replaces the reactor's _poller with a proxy whose poll() is observed (its
          register/unregister/modify go straight through).
Around the real call, `Wait.observe` does what our Reactor::waitForEvents does
(reactor/core/reactor.cpp:/^void Reactor::waitForEvents/):
  - Under a manual clock the wait only looks (timeout 0) while a timer is pending; when nothing
    is ready, logical time jumps to the next timer. With no timer it blocks for real, unless
    nothing could ever wake it: then the run ends with a clear error (WouldWaitForever).
  - The reactor's own readers (its waker pipe, the SIGCHLD waker: Twisted's _internalReaders)
    are drained but not reported under a manual clock: whether another thread's byte has
    arrived yet depends on timing. Calls from threads that are still to come hold the clock
    still while the wait blocks for them for real.
  - The ready list is handed back in ascending descriptor order. select() and poll() promise no
    order (select's comes from Python sets, ordered by address), so sorting only picks one of
    the orders Twisted allows, the same on every run, and the one our backends use.
It writes wait_end (readable, writable, disconnected) and ready_dispatch; wait_begin was written
by the reactor just before (tracing_reactor.py), with the timeout and the interest set.
Tested in tests/test_loop_events.py and tests/test_manual_clock.py.
"""

import select
import time

from twisted.internet import selectreactor

_realSelect = select.select


class WouldWaitForever(Exception):
    """Under a manual clock the loop has nothing that could ever end its wait."""


class Wait:
    """The rules above, for one reactor; the backends below supply the system call."""

    def __init__(self, reactor, clock, writer):
        self.reactor = reactor
        self.clock = clock
        self.writer = writer
        self.timeout = None  # seconds, or None: what doIteration was given
        self.target = None   # under a manual clock: when the next timer is due, or None
        self.observed = False

    def observe(self, call, readiness, reorder, drop):
        """call(timeout): the system call with its own timeout type; readiness(raw): a list of
        (fd, readable, writable, disconnected); reorder(raw): raw sorted by fd; drop(raw, fds):
        raw without those descriptors."""
        self.observed = True
        if self.reactor._labQuiet:
            return call(self.timeout)
        manual = not self.clock.waitsForReal
        timeout = self.timeout
        if manual:
            if timeout is None and not self.reactor._labCanBeWoken():
                raise WouldWaitForever(
                    "under --clock manual the loop would wait forever: no timer is pending and no "
                    "handler is registered (did the program forget to call reactor.stop()?)")
            raw = call(0.0 if timeout is not None else None)
            internal = self.reactor._labInternalFds()
            every = readiness(raw)
            ready = [r for r in every if r[0] not in internal]
            if len(ready) != len(every):
                self.reactor._labDrainInternal({r[0] for r in every if r[0] in internal})
                raw = drop(raw, internal)
            if not ready and timeout:
                self._holdOrAdvance()
        else:
            raw = call(timeout)
            ready = readiness(raw)
        raw = reorder(raw)
        if self.writer.on:
            ready.sort()
            self.writer.emit("wait_end", {
                "readable": [fd for fd, r, _, _ in ready if r],
                "writable": [fd for fd, _, w, _ in ready if w],
                "disconnected": [fd for fd, _, _, d in ready if d]})
            self.writer.emit("ready_dispatch", {"ready": len({fd for fd, _, _, _ in ready})})
        return raw

    def _holdOrAdvance(self):
        # Work another thread will hand back keeps logical time where it is (it happens "now");
        # the wait blocks for real until the call arrives, polling so a job that hands nothing
        # back cannot hang it.
        reactor = self.reactor
        while not reactor.threadCallQueue and reactor._labThreadJobsPending():
            reactor._labWaitForWaker(0.05)
        if reactor.threadCallQueue:
            reactor._labDrainInternal(reactor._labInternalFds())
            return
        if self.target is not None:
            self.clock.advanceTo(self.target)
        else:
            self.clock.advanceTo(self.clock.seconds() + self.timeout)


class SelectWaits:
    """select: the module-level _select that doSelect calls."""

    name = "select"
    _byReadSet = {}

    @classmethod
    def install(cls, reactor):
        cls._byReadSet[id(reactor._reads)] = reactor
        selectreactor._select = _observedSelect

    @classmethod
    def uninstall(cls, reactor):
        cls._byReadSet.pop(id(reactor._reads), None)
        if not cls._byReadSet:
            selectreactor._select = _realSelect

    @staticmethod
    def interest(reactor):
        return sorted(s.fileno() for s in reactor._reads), sorted(s.fileno() for s in reactor._writes)

    @staticmethod
    def isReading(reactor, selectable, fd):
        return selectable in reactor._reads

    @staticmethod
    def isWriting(reactor, selectable, fd):
        return selectable in reactor._writes


def _observedSelect(r, w, x, timeout):
    reactor = SelectWaits._byReadSet.get(id(r))
    if reactor is None:  # a reactor the tracer did not make
        return _realSelect(r, w, x, timeout)

    def readiness(raw):
        readable = {s.fileno() for s in raw[0]}
        writable = {s.fileno() for s in raw[1]}
        return [(fd, fd in readable, fd in writable, False) for fd in readable | writable]

    def reorder(raw):
        return sorted(raw[0], key=_fileno), sorted(raw[1], key=_fileno), raw[2]

    def drop(raw, fds):
        return [s for s in raw[0] if s.fileno() not in fds], [s for s in raw[1] if s.fileno() not in fds], raw[2]

    return reactor._labWait.observe(lambda t: _realSelect(r, w, x, t), readiness, reorder, drop)


def _fileno(selectable):
    return selectable.fileno()


class PollWaits:
    """poll and epoll: a proxy in place of the reactor's _poller."""

    def __init__(self, name, inMask, outMask, failMask, milliseconds):
        self.name = name
        self.inMask, self.outMask, self.failMask = inMask, outMask, failMask
        self.milliseconds = milliseconds  # poll() takes ms (None: forever), epoll seconds (-1)

    def install(self, reactor):
        reactor._poller = _ObservedPoller(self, reactor, reactor._poller)

    def uninstall(self, reactor):
        if isinstance(reactor._poller, _ObservedPoller):
            reactor._poller = reactor._poller.real

    @staticmethod
    def interest(reactor):
        return sorted(reactor._reads), sorted(reactor._writes)

    @staticmethod
    def isReading(reactor, selectable, fd):
        return fd in reactor._reads and reactor._selectables.get(fd) is selectable

    @staticmethod
    def isWriting(reactor, selectable, fd):
        return fd in reactor._writes and reactor._selectables.get(fd) is selectable

    def readiness(self, raw):
        ready = []
        for fd, event in raw:
            readable = bool(event & self.inMask)
            # A hang-up with input still to read is reported as readable only, as ours do
            # (reactor/backends/poll_backend.cpp): the input is read first.
            ready.append((fd, readable, bool(event & self.outMask), bool(event & self.failMask) and not readable))
        return ready

    def realTimeout(self, seconds):
        if self.milliseconds:
            return None if seconds is None else int(seconds * 1000)
        return -1 if seconds is None else seconds


class _ObservedPoller:
    def __init__(self, waits, reactor, real):
        self.waits, self.reactor, self.real = waits, reactor, real

    def register(self, *args):
        return self.real.register(*args)

    def unregister(self, *args):
        return self.real.unregister(*args)

    def modify(self, *args):
        return self.real.modify(*args)

    def close(self):
        return self.real.close()

    def fileno(self):
        return self.real.fileno()

    def poll(self, timeout=None, *rest):
        waits = self.waits
        return self.reactor._labWait.observe(
            lambda t: self.real.poll(waits.realTimeout(t), *rest), waits.readiness,
            lambda raw: sorted(raw), lambda raw, fds: [e for e in raw if e[0] not in fds])


def waitOn(fd, seconds):
    """Block up to `seconds` until fd is readable (the waker, under a manual clock)."""
    deadline = time.monotonic() + seconds
    _realSelect([fd], [], [], max(0.0, deadline - time.monotonic()))
