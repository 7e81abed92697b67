"""Lesson 04 (sync vs reactor): Twisted's thread pool, callFromThread and its waker."""

import select
import signal
import socket
import threading
import unittest

from twisted.internet import threads

import support


def waker_rang(reactor):
    """Whether the reactor's waker pipe has a byte to read (without waiting)."""
    ready, _, _ = select.select([reactor.waker.fileno()], [], [], 0)
    return bool(ready)


class ThreadPoolSize(unittest.TestCase):
    def test_the_reactor_thread_pool_allows_up_to_10_threads_and_suggestThreadPoolSize_changes_it(self):
        """Backs lesson 04, "What differs from Twisted": "Twisted's reactor pool allows up to 10
        threads" (base.ReactorBase._initThreadPool: ThreadPool(0, 10)), and "suggestThreadPoolSize
        changes it, as in Twisted"."""
        reactor = support.fresh_reactor("select")
        pool = reactor.getThreadPool()
        self.assertEqual((pool.min, pool.max), (0, 10))
        reactor.suggestThreadPoolSize(4)
        self.assertEqual(pool.max, 4)


class BackOnTheReactorThread(unittest.TestCase):
    def test_a_function_run_on_the_pool_fires_its_Deferred_on_the_reactor_thread(self):
        """Backs lesson 04, "The bridge: deferToThread": the function runs on a pool thread, and
        its result comes back as a Deferred fired on the reactor thread (threads.deferToThreadPool,
        which threads.deferToThread calls with the global reactor)."""
        reactor = support.fresh_reactor("select")
        where = {}

        def job():
            where["job"] = threading.current_thread()
            return 42

        def callback(value):
            where["callback"] = threading.current_thread()
            return value

        d = threads.deferToThreadPool(reactor, reactor.getThreadPool(), job)
        d.addCallback(callback)
        self.assertEqual(support.run_until_fired(reactor, d), 42)
        self.assertIsNot(where["job"], threading.main_thread())
        self.assertIs(where["callback"], threading.main_thread())

    def test_callFromThread_queues_the_call_and_rings_the_waker_pipe(self):
        """Backs lesson 04, "The worker hands the result back": "It is Twisted's self-pipe trick"
        (posixbase._UnixWaker: a pipe the loop reads; callFromThread writes a byte to it)."""
        reactor = support.fresh_reactor("select")
        self.assertFalse(waker_rang(reactor))
        worker = threading.Thread(target=reactor.callFromThread, args=(print,))
        worker.start()
        worker.join()
        self.assertTrue(waker_rang(reactor), "callFromThread from another thread did not write the waker")
        self.assertEqual([call[0] for call in reactor.threadCallQueue], [print])

    def test_the_SIGINT_handler_stops_the_loop_through_callFromThread_and_the_same_pipe(self):
        """Backs lesson 04: "the same pipe lets a signal handler stop the loop" (base.ReactorBase.sigInt
        calls callFromThread(self.stop))."""
        reactor = support.fresh_reactor("select")
        reactor.sigInt(signal.SIGINT)
        self.assertTrue(waker_rang(reactor))
        self.assertEqual([call[0] for call in reactor.threadCallQueue], [reactor.stop])


if __name__ == "__main__":
    unittest.main()


class EpollChangesAtOnce(unittest.TestCase):
    def test_epollreactor_calls_epoll_ctl_at_once_for_every_reader_and_writer_change(self):
        """Backs lesson 04, "What differs from Twisted": "Twisted's epollreactor calls epoll_ctl at
        once on every addWriter and removeWriter" (epollreactor._add and _remove call the poller's
        register, modify or unregister before returning; no change waits for the next wait)."""
        reactor = support.fresh_reactor("epoll")
        real = reactor._poller
        calls = []

        class RecordingPoller:
            def register(self, fd, flags):
                calls.append("register")
                real.register(fd, flags)

            def modify(self, fd, flags):
                calls.append("modify")
                real.modify(fd, flags)

            def unregister(self, fd):
                calls.append("unregister")
                real.unregister(fd)

            def __getattr__(self, name):
                return getattr(real, name)

        ours, theirs = socket.socketpair()
        self.addCleanup(ours.close)
        self.addCleanup(theirs.close)

        class Handler:
            def fileno(self):
                return ours.fileno()

            def logPrefix(self):
                return "Handler"

        reactor._poller = RecordingPoller()
        handler = Handler()
        reactor.addReader(handler)
        reactor.addWriter(handler)
        self.assertEqual(calls, ["register", "modify"])
        reactor.removeWriter(handler)
        reactor.addWriter(handler)
        self.assertEqual(calls, ["register", "modify", "modify", "modify"])
        reactor.removeWriter(handler)
        reactor.removeReader(handler)
        self.assertEqual(calls, ["register", "modify", "modify", "modify", "modify", "unregister"])
