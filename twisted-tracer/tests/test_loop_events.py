"""tracing_reactor.py and waits.py: one turn of Twisted's mainLoop, written in our phase order."""

import re
import subprocess
import unittest

from . import support

LESSON_03 = support.PROJECT_ROOT + "/lessons/03-echo-server/program.py"

# One iteration's loop events, as Reactor::runOnce writes them (traces/SCHEMA.md).
TURN = re.compile(r"iteration_begin (signal_received )*(thread_calls_run )?timers_run (timer_fired )*"
                  r"timeout_computed wait_begin wait_end ready_dispatch (handler_called )*iteration_end ")
LOOP_KINDS = {"iteration_begin", "signal_received", "thread_calls_run", "timers_run", "timer_fired",
              "timeout_computed", "wait_begin", "wait_end", "ready_dispatch", "handler_called", "iteration_end"}

SOCKETPAIR = """
    import socket
    from twisted.internet import reactor
    from twisted.internet.abstract import FileDescriptor

    class Reader(FileDescriptor):
        def __init__(self, sock):
            super().__init__(reactor)
            self.sock = sock
        def fileno(self):
            return self.sock.fileno()
        def doRead(self):
            print("read", self.sock.recv(100))
            self.stopReading()
            reactor.stop()

    a, b = socket.socketpair()
    reader = Reader(a)
    reactor.callWhenRunning(lambda: (reader.startReading(), reader.startReading(), b.send(b"ping")))
    reactor.callWhenRunning(reactor.callFromThread, print, "from the main thread")
    reactor.run()
"""


def turns(events):
    by = {}
    for e in events:
        if e["iter"] > 0 and e["kind"] in LOOP_KINDS:
            by.setdefault(e["iter"], []).append(e["kind"])
    return by


class PhaseOrder(unittest.TestCase):
    def test_every_turn_of_the_echo_lesson_is_written_in_our_phase_order_on_every_backend(self):
        for backend in ("select", "poll", "epoll"):
            events, done = support.trace(LESSON_03, reactor=backend)
            self.assertEqual(done.returncode, 0, done.stderr)
            by = turns(events)
            self.assertGreater(len(by), 10)
            for it, kinds in by.items():
                self.assertRegex(" ".join(kinds) + " ", "^" + TURN.pattern + "$", f"{backend} iteration {it}")

    def test_the_wait_is_given_the_real_interest_set_in_ascending_order(self):
        """wait_begin's readers and writers are exactly what the registration events say is
        watched at that moment (a fold of reader_added ... writer_removed)."""
        events, _ = support.trace(LESSON_03, reactor="poll")
        readers, writers = set(), set()
        waits = 0
        for e in events:
            k = e["kind"]
            if k == "reader_added":
                readers.add(e["fd"])
            elif k == "reader_removed":
                readers.discard(e["fd"])
            elif k == "writer_added":
                writers.add(e["fd"])
            elif k == "writer_removed":
                writers.discard(e["fd"])
            elif k == "wait_begin":
                waits += 1
                self.assertEqual(e["readers"], sorted(readers))
                self.assertEqual(e["writers"], sorted(writers))
        self.assertGreater(waits, 10)

    def test_what_is_dispatched_is_what_the_wait_found_and_names_the_method_twisted_calls(self):
        events, _ = support.trace(LESSON_03)
        ready = None
        calls = []
        for e in events:
            if e["kind"] == "wait_end":
                ready = set(e["readable"]) | set(e["writable"]) | set(e["disconnected"])
                found = e
            elif e["kind"] == "ready_dispatch":
                self.assertEqual(e["ready"], len(ready))
            elif e["kind"] == "handler_called":
                self.assertIn(e["fd"], found["readable" if e["event"] == "read" else "writable"])
                calls.append((e["handler"], e["event"], e["method"]))
        self.assertEqual(calls[:2], [("Port", "read", "doRead"), ("Client", "write", "doConnect")])
        self.assertIn(("Server", "read", "doRead"), calls)
        self.assertIn(("Client", "write", "doWrite"), calls)

    def test_the_three_backends_write_the_same_events_once_descriptors_are_renumbered(self):
        paths = {}
        for backend in ("select", "poll", "epoll"):
            paths[backend] = support.scratch(f"backends-{backend}.jsonl")
            done = support.run(["run", "--clock", "manual", "--reactor", backend, "--trace", paths[backend], LESSON_03])
            self.assertEqual(done.returncode, 0, done.stderr)
        for backend in ("poll", "epoll"):
            same = subprocess.run([support.tool("golden-compare"), "--events-only", paths["select"], paths[backend]],
                                  capture_output=True, text=True)
            self.assertEqual(same.returncode, 0, same.stdout + same.stderr)


class Reasons(unittest.TestCase):
    def test_the_timeout_says_why_no_timers_next_timer_or_stopping(self):
        events, done = support.trace(support.program("reasons.py", SOCKETPAIR))
        self.assertEqual(done.returncode, 0, done.stderr)
        reasons = [(e["timeout_ns"], e["reason"]) for e in support.ofKind(events, "timeout_computed")]
        self.assertEqual(reasons[0], (None, "no timers"))
        self.assertEqual(reasons[-1], (0, "stopping"))
        timed, _ = support.trace(LESSON_03)
        self.assertEqual(support.ofKind(timed, "timeout_computed")[0]["reason"], "next timer")

    def test_registering_twice_writes_one_event_and_thread_calls_run_first(self):
        events, done = support.trace(support.program("twice.py", SOCKETPAIR))
        self.assertEqual(done.stdout, "from the main thread\nread b'ping'\n")
        added = [e for e in support.ofKind(events, "reader_added") if e["handler"] == "Reader"]
        self.assertEqual(len(added), 1, "startReading twice is one registration")
        first = turns(events)[1]
        self.assertEqual(first[:3], ["iteration_begin", "thread_calls_run", "timers_run"])
        self.assertEqual(support.ofKind(events, "thread_calls_run")[0]["count"], 1)

    def test_a_signal_is_written_when_the_loop_takes_the_stop_it_queued(self):
        source = """
            import os, signal
            from twisted.internet import reactor
            reactor.callLater(1, os.kill, os.getpid(), signal.SIGINT)
            reactor.callLater(5, print, "never")
            reactor.run()
        """
        events, done = support.trace(support.program("signal.py", source))
        self.assertEqual(done.returncode, 0, done.stderr)
        tail = [e["kind"] for e in events if e["kind"] in ("signal_received", "thread_calls_run", "stop")]
        self.assertEqual(tail, ["signal_received", "thread_calls_run", "stop"])
        self.assertEqual(support.ofKind(events, "signal_received")[0]["signal"], "SIGINT")
        self.assertEqual(support.ofKind(events, "stop")[0]["t"], 1000000000, "no time passes before the stop runs")


class Errors(unittest.TestCase):
    def test_a_timer_or_handler_that_raises_is_error_logged_and_the_loop_goes_on(self):
        source = """
            from twisted.internet import reactor, protocol

            class Bad(protocol.Protocol):
                def dataReceived(self, data):
                    raise ValueError("bad data")

            def boom():
                raise RuntimeError("timer boom")

            class Sender(protocol.Protocol):
                def connectionMade(self):
                    self.transport.write(b"x")
                def connectionLost(self, reason):
                    print("still running")
                    reactor.stop()

            reactor.callLater(0, boom)
            port = reactor.listenTCP(0, protocol.Factory.forProtocol(Bad), interface="127.0.0.1")
            protocol.ClientCreator(reactor, Sender).connectTCP("127.0.0.1", port.getHost().port)
            reactor.run()
        """
        events, done = support.trace(support.program("errors.py", source))
        self.assertEqual((done.returncode, done.stdout), (0, "still running\n"))
        logged = [support.fields(e) for e in support.ofKind(events, "error_logged")]
        self.assertEqual(logged, [
            {"kind": "error_logged", "source": "timer 1", "error": "builtins.RuntimeError: timer boom"},
            {"kind": "error_logged", "source": "Server", "error": "builtins.ValueError: bad data"}])
        at = support.kinds(events).index("error_logged", support.kinds(events).index("error_logged") + 1)
        self.assertEqual(events[at + 1]["kind"], "connection_lost")
        self.assertEqual(events[at + 1]["reason"], "builtins.ValueError: bad data")


if __name__ == "__main__":
    unittest.main()
