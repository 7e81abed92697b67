"""The tracing reactor: Twisted's own Select/Poll/EPoll reactor, with the trace added.

`tracingReactor(backend, writer, clock)` makes an instance of a subclass of the chosen reactor
class. Every override calls Twisted's method and adds the events of traces/SCHEMA.md around it;
Twisted's mainLoop (base.py, `while _started: runUntilCurrent(); t = running and timeout();
doIteration(t)`) runs unchanged, so one turn of Twisted's loop is one iteration of the trace:

  runUntilCurrent   iteration_begin, thread_calls_run (only when some are queued: phase 0),
                    timers_run with how many are due (phase 1), then Twisted runs them
                    (timer_fired from timers.py) and, after stop(), the shutdown event.
  doIteration(t)    timeout_computed (phase 2: the t mainLoop computed, and why: "next timer",
                    "no timers", or "stopping" once stop() made `running` false), wait_begin with
                    the interest set, then Twisted's doSelect/doPoll: the wait (waits.py writes
                    wait_end and ready_dispatch) and the dispatch, then iteration_end.
  _doReadOrWrite    handler_called before each doRead/doWrite, naming the handler's class and,
                    in `method`, the function Twisted really calls (a connecting Client's doWrite
                    is doConnect). It hands Twisted's dispatch a stand-in for the handler
                    (_Dispatch) whose doRead/doWrite announce the call; _disconnectSelectable
                    gets the real handler back and writes connection_lost first.
  add/removeReader/Writer   reader_added ... writer_removed, when the interest really changes.
  startRunning, run, stop   run_begin, run_end, stop.
  seconds, callLater        the clock (clocks.py), and timers (timers.py).
  listenTCP, connectTCP     Twisted's two lines, with the tracing Port and Connector (tcp_tracing.py).
  sigInt, sigTerm   noted, and written as signal_received when the loop takes the stop call.

Not here: the wait's own rules (waits.py), Deferreds (deferreds.py).
Tested in tests/test_loop_events.py, tests/test_registrations.py, tests/test_manual_clock.py.
"""

import signal as signals

from twisted.internet import epollreactor, pollreactor, selectreactor
from twisted.python.runtime import platform

from . import names, tcp_tracing, timers, waits
from .clocks import nanoseconds
from .results import errorText

BACKENDS = {
    "select": (selectreactor.SelectReactor, lambda: waits.SelectWaits),
    "poll": (pollreactor.PollReactor,
             lambda: waits.PollWaits("poll", pollreactor.POLLIN, pollreactor.POLLOUT,
                                     pollreactor.POLLHUP | pollreactor.POLLERR | pollreactor.POLLNVAL, True)),
    "epoll": (epollreactor.EPollReactor,
              lambda: waits.PollWaits("epoll", epollreactor.EPOLLIN, epollreactor.EPOLLOUT,
                                      epollreactor.EPOLLHUP | epollreactor.EPOLLERR, False)),
}


def tracingReactor(backend, writer, clock):
    base, makeWaits = BACKENDS[backend]
    if base not in _classes:
        _classes[base] = _tracingSubclass(base)
    return _classes[base](writer, clock, makeWaits())


_classes = {}


class _Dispatch:
    """Stands in for a handler inside Twisted's _doReadOrWrite: each doRead/doWrite is written
    as handler_called, then the handler's own runs."""

    def __init__(self, reactor, selectable, fd):
        self.selectable, self.reactor, self.fd = selectable, reactor, fd

    def fileno(self):
        return self.selectable.fileno()

    def doRead(self):
        return self._call("read", self.selectable.doRead)

    def doWrite(self):
        return self._call("write", self.selectable.doWrite)

    def _call(self, event, method):
        reactor = self.reactor
        if reactor._labWriter.on:
            reactor._labEmit("handler_called", {"fd": self.fd, "handler": names.handlerName(self.selectable),
                                                "event": event, "method": names.callableName(method).rpartition(".")[2]})
        try:
            return method()
        except BaseException as e:
            # Twisted's _doReadOrWrite logs it (log.err) and disconnects the handler; as in ours,
            # error_logged comes first, then the reactor's connection_lost.
            reactor._labEmit("error_logged", {"source": names.handlerName(self.selectable), "error": errorText(e)})
            raise


def _tracingSubclass(base):
    class TracingReactor(base):
        """Twisted's `base` reactor with the trace; one class per backend."""

        def __init__(self, writer, clock, backendWaits):
            self._labWriter = writer
            self._labClock = clock
            self._labBackend = backendWaits
            self._labWait = waits.Wait(self, clock, writer)
            self._labFds = {}        # id(handler) -> (handler, fd it was registered under)
            self._labTimers = 0
            self._labConnections = 0
            self._labPorts = 0
            self._labTimeoutFor = None
            self._labSignals = []
            self._labFailed = None   # set when the loop had to be ended (WouldWaitForever)
            # No trace and real time: nothing to write and no clock to keep, so the hooks step
            # aside and Twisted's own code runs (what `tracer off` costs: bench/twisted_trace_cost.sh).
            self._labQuiet = not writer.on and clock.waitsForReal
            super().__init__()
            backendWaits.install(self)

        def _labEmit(self, kind, fields):
            writer = self._labWriter
            if writer.on:
                writer.emit(kind, fields)

        # --- time -----------------------------------------------------------------------------------

        def seconds(self):
            return self._labClock.seconds()

        def callLater(self, delay, callable, *args, **kw):
            call = super().callLater(delay, callable, *args, **kw)
            return timers.traceScheduled(self, call, delay)

        def _labExpectTimeout(self, deferredId, timeout):
            """deferreds.py: the next callLater is addTimeout's, for this Deferred."""
            self._labTimeoutFor = (deferredId, nanoseconds(timeout))

        def _labTakeTimeoutFor(self):
            timeoutFor, self._labTimeoutFor = self._labTimeoutFor, None
            return timeoutFor

        # --- the loop's phases ------------------------------------------------------------------------

        def startRunning(self, *args, **kw):
            self._labEmit("run_begin", {})
            return super().startRunning(*args, **kw)

        def run(self, *args, **kw):
            super().run(*args, **kw)
            if self._labFailed is None:
                self._labEmit("run_end", {})

        def stop(self):
            super().stop()
            self._labEmit("stop", {})

        def runUntilCurrent(self):
            writer = self._labWriter
            writer.iteration += 1
            if writer.on:
                writer.emit("iteration_begin", {})
                while self._labSignals:
                    writer.emit("signal_received", {"signal": self._labSignals.pop(0)})
                if self.threadCallQueue:
                    writer.emit("thread_calls_run", {"count": len(self.threadCallQueue)})
                now = self.seconds()
                due = sum(1 for call in self._pendingTimedCalls + self._newTimedCalls
                          if not call.cancelled and call.getTime() <= now)
                writer.emit("timers_run", {"due": due})
            return super().runUntilCurrent()

        def doIteration(self, delay):
            timeout = 0.0 if delay is False else delay  # mainLoop passes `running and timeout()`
            wait = self._labWait
            wait.timeout = timeout
            wait.target = self._labNextTimer(timeout)
            wait.observed = False
            if self._labWriter.on:
                reason = "stopping" if not self.running else "no timers" if timeout is None else "next timer"
                timeoutNs = None if timeout is None else nanoseconds(timeout)
                readers, writers = self._labBackend.interest(self)
                self._labEmit("timeout_computed", {"timeout_ns": timeoutNs, "reason": reason})
                self._labEmit("wait_begin", {"timeout_ns": timeoutNs, "readers": readers, "writers": writers})
            try:
                super().doIteration(delay)
            except waits.WouldWaitForever as e:
                self._labGiveUp(str(e))
            if not wait.observed:  # the backend returned before waiting (EINTR, a bad descriptor)
                self._labEmit("wait_end", {"readable": [], "writable": [], "disconnected": []})
                self._labEmit("ready_dispatch", {"ready": 0})
            self._labEmit("iteration_end", {})

        def _labNextTimer(self, timeout):
            # When timeout() said "until the next timer", that timer's exact time (see ManualClock).
            if timeout and self._pendingTimedCalls:
                first = self._pendingTimedCalls[0].time
                if max(0, first - self.seconds()) == timeout:
                    return first
            return None

        def _labGiveUp(self, message):
            import sys
            self._labFailed = message
            print(f"reactorlab_twisted: {message}", file=sys.stderr)
            self._labEmit("error_logged", {"source": "mainLoop", "error": f"reactorlab_twisted: {message}"})
            self.crash()

        # --- what the wait needs to know (waits.py) --------------------------------------------------------

        def _labInternalFds(self):
            return {self._labFds[id(r)][1] for r in self._internalReaders if id(r) in self._labFds}

        def _labDrainInternal(self, fds):
            for reader in list(self._internalReaders):
                if id(reader) in self._labFds and self._labFds[id(reader)][1] in fds:
                    reader.doRead()

        def _labCanBeWoken(self):
            internal = {id(r) for r in self._internalReaders}
            return any(key not in internal for key in self._labFds) or bool(self.threadCallQueue) \
                or self._labThreadJobsPending()

        def _labThreadJobsPending(self):
            pool = getattr(self, "threadpool", None)
            if pool is None:
                return False
            try:
                return bool(pool.working) or pool.q.qsize() > 0
            except AttributeError:
                return False

        def _labWaitForWaker(self, seconds):
            if self.waker is not None:
                waits.waitOn(self.waker.fileno(), seconds)

        # --- handlers -------------------------------------------------------------------------------

        def addReader(self, reader):
            self._labChange(reader, "reader_added", super().addReader)

        def addWriter(self, writer):
            self._labChange(writer, "writer_added", super().addWriter)

        def removeReader(self, reader):
            self._labChange(reader, "reader_removed", super().removeReader)

        def removeWriter(self, writer):
            self._labChange(writer, "writer_removed", super().removeWriter)

        def _labChange(self, selectable, kind, change):
            if self._labQuiet:
                return change(selectable)
            key = id(selectable)
            known = self._labFds.get(key)
            fd = known[1] if known is not None else selectable.fileno()
            reading = kind.startswith("reader")
            check = self._labBackend.isReading if reading else self._labBackend.isWriting
            before = check(self, selectable, fd)
            change(selectable)
            after = check(self, selectable, fd)
            if after and known is None:
                self._labFds[key] = (selectable, fd)
            elif known is not None and not self._labBackend.isReading(self, selectable, fd) \
                    and not self._labBackend.isWriting(self, selectable, fd):
                del self._labFds[key]
            if before != after:
                self._labEmit(kind, {"fd": fd, "handler": names.handlerName(selectable)})

        def _doReadOrWrite(self, selectable, *rest):
            if self._labQuiet:
                return super()._doReadOrWrite(selectable, *rest)
            known = self._labFds.get(id(selectable))
            fd = rest[0] if rest and isinstance(rest[0], int) else known[1] if known else selectable.fileno()
            return super()._doReadOrWrite(_Dispatch(self, selectable, fd), *rest)

        def _disconnectSelectable(self, selectable, why, isRead, *rest):
            if isinstance(selectable, _Dispatch):
                selectable = selectable.selectable
            if self._labQuiet:
                return super()._disconnectSelectable(selectable, why, isRead, *rest)
            known = self._labFds.get(id(selectable))
            fd = known[1] if known else selectable.fileno()
            self._labEmit("connection_lost", {"fd": fd, "handler": names.handlerName(selectable),
                                              "reason": errorText(why)})
            return super()._disconnectSelectable(selectable, why, isRead, *rest)

        # --- TCP ------------------------------------------------------------------------------------

        def listenTCP(self, port, factory, backlog=50, interface=""):
            p = tcp_tracing.TracingPort(port, factory, backlog, interface, self)
            p.startListening()
            return p

        def connectTCP(self, host, port, factory, timeout=30, bindAddress=None):
            c = tcp_tracing.TracingConnector(host, port, factory, timeout, bindAddress, self)
            c.connect()
            return c

        # --- signals --------------------------------------------------------------------------------
        # Python runs a signal handler between two bytecodes of the main thread, possibly in the
        # middle of writing an event: note the signal now, write it when the loop takes the call.

        def sigInt(self, number, frame=None):
            self._labSignals.append(signals.Signals(number).name)
            return super().sigInt(number, frame)

        def sigTerm(self, number, frame=None):
            self._labSignals.append(signals.Signals(number).name)
            return super().sigTerm(number, frame)


    TracingReactor.__name__ = TracingReactor.__qualname__ = "Tracing" + base.__name__
    return TracingReactor
