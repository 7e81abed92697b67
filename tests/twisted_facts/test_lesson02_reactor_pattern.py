"""Lesson 02 (the Reactor pattern): EINTR, hang-ups, and select's descriptor limit in Twisted."""

import errno
import os
import resource
import select
import signal
import socket
import unittest
from unittest import mock

from twisted.internet import error, main, selectreactor
from twisted.internet.interfaces import IHalfCloseableDescriptor
from zope.interface import implementer

import support


class FailingPoller:
    """Stands in for a poll or epoll object whose wait fails with one errno."""

    def __init__(self, code):
        self.code = code

    def poll(self, *args):
        raise OSError(self.code, os.strerror(self.code))

    def register(self, *args):
        pass

    def modify(self, *args):
        pass

    def unregister(self, *args):
        pass


def interrupt_wait(reactor_name, code):
    """One turn's wait of a fresh reactor, made to fail with `code`; returns what the turn did."""
    reactor = support.fresh_reactor(reactor_name)
    if reactor_name == "select":
        failing = mock.patch.object(selectreactor, "_select", side_effect=OSError(code, os.strerror(code)))
        with failing:
            return reactor.doIteration(0)
    reactor._poller = FailingPoller(code)
    return reactor.doIteration(0)


class EintrInTwisted(unittest.TestCase):
    def test_each_reactor_wait_ends_the_turn_quietly_when_the_call_fails_with_EINTR(self):
        """Backs lesson 02, "Wait for events": SelectReactor.doSelect, PollReactor.doPoll and
        EPollReactor.doPoll each have an EINTR branch that returns and ends the turn."""
        for name in ("select", "poll", "epoll"):
            with self.subTest(reactor=name):
                self.assertIsNone(interrupt_wait(name, errno.EINTR))

    def test_the_EINTR_branch_is_specific_other_errors_of_the_wait_are_raised(self):
        """The control for the test above: the branch is about EINTR, not any failure."""
        for name in ("select", "poll", "epoll"):
            with self.subTest(reactor=name):
                with self.assertRaises(OSError):
                    interrupt_wait(name, errno.EINVAL)

    def test_python_retries_an_interrupted_select_and_poll_itself_PEP_475(self):
        """Backs lesson 02, "Wait for events": since Python 3.5 the interpreter retries a wait a
        signal interrupted (when the handler does not raise), so those branches rarely run.

        A timer signal arrives while the wait blocks; its handler makes a pipe readable. Retried,
        the wait returns that pipe; not retried, it would raise InterruptedError.
        """
        for wait in ("select", "poll"):
            with self.subTest(wait=wait):
                readable, writable = os.pipe()
                previous = signal.signal(signal.SIGALRM, lambda *_: os.write(writable, b"x"))
                try:
                    signal.setitimer(signal.ITIMER_REAL, 0.01)
                    if wait == "select":
                        ready, _, _ = select.select([readable], [], [], support.TIMEOUT_S)
                    else:
                        poller = select.poll()
                        poller.register(readable, select.POLLIN)
                        ready = [fd for fd, _ in poller.poll(support.TIMEOUT_S * 1000)]
                    self.assertEqual(ready, [readable], "the wait came back without the signal's byte")
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                    signal.signal(signal.SIGALRM, previous)
                    os.close(readable)
                    os.close(writable)


class Handler:
    """A descriptor the reactor can watch: records what the reactor called on it."""

    def __init__(self, fd, on_read=None, on_write=None):
        self.fd = fd
        self.on_read = on_read
        self.on_write = on_write
        self.calls = []

    def fileno(self):
        return self.fd

    def logPrefix(self):
        return "Handler"

    def doRead(self):
        self.calls.append("doRead")
        return self.on_read() if self.on_read else None

    def doWrite(self):
        self.calls.append("doWrite")
        return self.on_write() if self.on_write else None

    def connectionLost(self, reason):
        self.calls.append(("connectionLost", reason.type))


@implementer(IHalfCloseableDescriptor)
class HalfCloseableHandler(Handler):
    def readConnectionLost(self, reason):
        self.calls.append(("readConnectionLost", reason.type))


def hang_up(reactor_name, handler, reading, flags):
    """Hand a poll-like reactor's _doReadOrWrite one event for a registered handler."""
    reactor = support.fresh_reactor(reactor_name)
    (reactor.addReader if reading else reactor.addWriter)(handler)
    reactor._doReadOrWrite(handler, handler.fd, flags)
    return reactor


POLL_LIKE = {
    "poll": (select.POLLHUP, select.POLLIN),
    "epoll": (select.EPOLLHUP, select.EPOLLIN),
}


class HangUpsInTwisted(unittest.TestCase):
    def setUp(self):
        self.left, self.right = socket.socketpair()

    def tearDown(self):
        self.left.close()
        self.right.close()

    def test_poll_and_epoll_end_a_hung_up_reader_with_ConnectionDone_without_calling_doRead(self):
        """Backs lesson 02, "Dispatch ready handlers": in the poll and epoll reactors
        (posixbase._PollLikeMixin._doReadOrWrite) a hang-up with no input left ends a reader
        cleanly, without doRead."""
        for name, (hup, _) in POLL_LIKE.items():
            with self.subTest(reactor=name):
                handler = Handler(self.left.fileno())
                hang_up(name, handler, True, hup)
                self.assertEqual(handler.calls, [("connectionLost", error.ConnectionDone)])

    def test_poll_and_epoll_end_a_hung_up_writer_with_ConnectionLost(self):
        """Backs lesson 02: anyone not reading is told the connection was lost."""
        for name, (hup, _) in POLL_LIKE.items():
            with self.subTest(reactor=name):
                handler = Handler(self.left.fileno())
                hang_up(name, handler, False, hup)
                self.assertEqual(handler.calls, [("connectionLost", error.ConnectionLost)])

    def test_a_hang_up_with_input_pending_is_read_first(self):
        """Backs lesson 02: with input still there, the hang-up is a plain doRead."""
        for name, (hup, pollin) in POLL_LIKE.items():
            with self.subTest(reactor=name):
                handler = Handler(self.left.fileno())
                hang_up(name, handler, True, hup | pollin)
                self.assertEqual(handler.calls, ["doRead"])

    def test_a_half_closeable_reader_gets_readConnectionLost_not_connectionLost(self):
        """Backs lesson 02: _disconnectSelectable (posixbase.py) tells a reader that provides
        IHalfCloseableDescriptor (every abstract.FileDescriptor does) through
        readConnectionLost, and leaves its writing side registered."""
        for name, (hup, _) in POLL_LIKE.items():
            with self.subTest(reactor=name):
                handler = HalfCloseableHandler(self.left.fileno())
                reactor = support.fresh_reactor(name)
                reactor.addReader(handler)
                reactor.addWriter(handler)
                reactor._doReadOrWrite(handler, handler.fd, hup)
                self.assertEqual(handler.calls, [("readConnectionLost", error.ConnectionDone)])
                self.assertIn(handler, reactor.getWriters())
                self.assertNotIn(handler, reactor.getReaders())

    def test_the_select_reactor_calls_doRead_and_the_handler_meets_the_end_of_input_itself(self):
        """Backs lesson 02: select() has no hang-up bit. A reader whose peer closed is reported
        readable; SelectReactor calls doRead, which finds the end of input and returns
        CONNECTION_DONE (as tcp.Connection._dataReceived does for an empty read)."""
        self.right.close()
        peer_closed = lambda: main.CONNECTION_DONE if self.left.recv(1) == b"" else None
        handler = Handler(self.left.fileno(), on_read=peer_closed)
        reactor = support.fresh_reactor("select")
        reactor.addReader(handler)
        reactor.doIteration(0)
        self.assertEqual(handler.calls, ["doRead", ("connectionLost", error.ConnectionDone)])

    def test_a_writer_whose_reader_went_away_select_calls_doWrite_poll_reports_it_lost(self):
        """Backs lesson 02: the same broken pipe, two rules. select() reports the write end
        writable and SelectReactor calls doWrite; poll() adds POLLERR without POLLIN, and
        PollReactor ends the writer with ConnectionLost without calling doWrite."""
        outcomes = {}
        for name in ("select", "poll"):
            readable, writable = os.pipe()
            os.close(readable)
            handler = Handler(writable, on_write=lambda: main.CONNECTION_LOST)
            reactor = support.fresh_reactor(name)
            reactor.addWriter(handler)
            reactor.doIteration(0)
            os.close(writable)
            outcomes[name] = handler.calls
        self.assertEqual(outcomes["select"], ["doWrite", ("connectionLost", error.ConnectionLost)])
        self.assertEqual(outcomes["poll"], [("connectionLost", error.ConnectionLost)])


class DispatchRulesInTwisted(unittest.TestCase):
    def test_a_handler_removed_by_another_in_the_same_turn_is_not_called(self):
        """Backs lesson 02, "Dispatch ready handlers": the first rule holds in all three reactors
        (each checks the handler is still registered before calling it)."""
        for name in support.REACTORS:
            with self.subTest(reactor=name):
                pairs = [socket.socketpair() for _ in range(2)]
                reactor = support.fresh_reactor(name)
                handlers = []

                def remove_both():
                    for h in handlers:
                        reactor.removeReader(h)

                for left, right in pairs:
                    right.send(b"x")
                    handler = Handler(left.fileno(), on_read=remove_both)
                    handlers.append(handler)
                    reactor.addReader(handler)
                reactor.doIteration(0)
                self.assertEqual(sorted(len(h.calls) for h in handlers), [0, 1])
                for pair in pairs:
                    for end in pair:
                        end.close()

    def test_a_handler_that_raises_is_logged_unregistered_and_given_its_exception(self):
        """Backs lesson 02: the second rule holds in all three reactors (log.err, then
        _disconnectSelectable with the exception as the reason)."""
        for name in support.REACTORS:
            with self.subTest(reactor=name):
                left, right = socket.socketpair()
                right.send(b"x")
                reactor = support.fresh_reactor(name)

                def broken():
                    raise RuntimeError("bug in doRead")

                handler = Handler(left.fileno(), on_read=broken)
                reactor.addReader(handler)
                support.LOG.clear()
                reactor.doIteration(0)
                self.assertEqual(handler.calls, ["doRead", ("connectionLost", RuntimeError)])
                self.assertNotIn(handler, reactor.getReaders())
                self.assertTrue(any(e.get("isError") for e in support.LOG.events), "no error was logged")
                left.close()
                right.close()

    def test_the_select_reactor_disconnects_a_descriptor_closed_while_watched_with_the_error(self):
        """Backs lesson 02: where our select backend reports such a descriptor hung up, Twisted's
        select() fails with EBADF and _preenDescriptors disconnects it with the OSError."""
        readable, writable = os.pipe()
        handler = Handler(readable)
        reactor = support.fresh_reactor("select")
        reactor.addReader(handler)
        os.close(readable)
        reactor.doIteration(0)
        os.close(writable)
        self.assertEqual(len(handler.calls), 1)
        self.assertEqual(handler.calls[0][0], "connectionLost")
        self.assertTrue(issubclass(handler.calls[0][1], OSError))


def descriptor_at(number):
    """A socket's descriptor moved to `number` (the soft open-file limit raised when needed)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft <= number:
        if hard != resource.RLIM_INFINITY and hard <= number:
            raise AssertionError(f"cannot open fd {number}: the hard open-file limit is {hard}")
        resource.setrlimit(resource.RLIMIT_NOFILE, (number + 1, hard))
    left, right = socket.socketpair()
    os.dup2(left.fileno(), number)
    left.close()
    return number, right


class SelectLimitInTwisted(unittest.TestCase):
    def test_the_select_reactor_accepts_fd_1500_then_disconnects_it_with_ValueError_at_the_next_wait(self):
        """Backs lesson 02, "Wait for events": where our select backend refuses fd >= FD_SETSIZE at
        registration, Twisted's select reactor takes it; Python's select.select raises ValueError,
        and SelectReactor._preenDescriptors disconnects that descriptor with the error."""
        fd, peer = descriptor_at(1500)
        try:
            handler = Handler(fd)
            reactor = support.fresh_reactor("select")
            reactor.addReader(handler)
            self.assertIn(handler, reactor.getReaders(), "addReader refused the descriptor")
            reactor.doIteration(0)
            self.assertEqual(handler.calls, [("connectionLost", ValueError)])
            self.assertNotIn(handler, reactor.getReaders())
        finally:
            os.close(fd)
            peer.close()


if __name__ == "__main__":
    unittest.main()
