"""timers.py and tcp_tracing.py: DelayedCalls, ports and connections in our kinds."""

import unittest

from . import support

LESSON_03 = support.PROJECT_ROOT + "/lessons/03-echo-server/program.py"


class Timers(unittest.TestCase):
    def test_a_delayed_call_is_scheduled_moved_cancelled_and_fired_under_its_logical_id(self):
        source = """
            from twisted.internet import reactor
            a = reactor.callLater(1, print, "a")
            b = reactor.callLater(2, print, "b")
            c = reactor.callLater(3, print, "c")
            b.cancel()
            a.reset(4)
            c.delay(0.5)
            reactor.callLater(5, reactor.stop)
            reactor.run()
        """
        path = support.program("timers.py", source)
        events, done = support.trace(path)
        self.assertEqual(done.stdout, "c\na\n")
        path = support.sourceName(path)
        timerEvents = [support.fields(e) for e in events if e["kind"].startswith("timer_")]
        self.assertEqual(timerEvents[:7], [
            {"kind": "timer_scheduled", "timer": 1, "delay_ns": 1000000000, "due_ns": 1000000000, "at": f"{path}:3"},
            {"kind": "timer_scheduled", "timer": 2, "delay_ns": 2000000000, "due_ns": 2000000000, "at": f"{path}:4"},
            {"kind": "timer_scheduled", "timer": 3, "delay_ns": 3000000000, "due_ns": 3000000000, "at": f"{path}:5"},
            {"kind": "timer_cancelled", "timer": 2},
            {"kind": "timer_reset", "timer": 1, "due_ns": 4000000000},
            {"kind": "timer_reset", "timer": 3, "due_ns": 3500000000},
            {"kind": "timer_scheduled", "timer": 4, "delay_ns": 5000000000, "due_ns": 5000000000, "at": f"{path}:9"}])
        fired = [(e["timer"], e["t"]) for e in support.ofKind(events, "timer_fired")]
        self.assertEqual(fired, [(3, 3500000000), (1, 4000000000), (4, 5000000000)])

    def test_timers_twisted_schedules_for_the_program_name_the_line_that_led_to_them(self):
        events, _ = support.trace(LESSON_03)
        scheduled = support.ofKind(events, "timer_scheduled")
        with open(LESSON_03) as f:
            connectLine = next(i for i, line in enumerate(f, 1) if "reactor.connectTCP(" in line)
        self.assertEqual([e["at"] for e in scheduled[:2]], [f"lessons/03-echo-server/program.py:{connectLine}"] * 2)


class TwistedItself(unittest.TestCase):
    def test_twisteds_timeout_still_counts_a_cancelled_delayed_call_until_its_time(self):
        """Backs lesson 03's listed difference cancelled-timer-still-sets-the-timeout, on a plain
        Twisted reactor (not the tracer's): base.ReactorBase.timeout() looks at the heap's first
        entry, and DelayedCall.cancel leaves it there. (A call cancelled before any turn moved it
        from _newTimedCalls into the heap is dropped at once: the loop's first timeout() had.)"""
        from twisted.internet import selectreactor
        reactor = selectreactor.SelectReactor()
        call = reactor.callLater(30, lambda: None)
        self.assertAlmostEqual(reactor.timeout(), 30, delta=1)  # as the loop's first turn: into the heap
        call.cancel()
        self.assertAlmostEqual(reactor.timeout(), 30, delta=1)
        self.assertEqual(reactor.getDelayedCalls(), [])


class Tcp(unittest.TestCase):
    def test_the_echo_lessons_connections_are_traced_as_ours_from_connect_to_close(self):
        events, done = support.trace(LESSON_03)
        self.assertEqual(done.returncode, 0, done.stderr)
        byConnection = {}
        for e in events:
            if "connection" in e:
                byConnection.setdefault(e["connection"], []).append(e)
        client = [(e["kind"], e.get("bytes")) for e in byConnection[1]]
        self.assertEqual(client, [("connect_started", None), ("connection_made", None), ("bytes_buffered", 6),
                                  ("bytes_sent", 6), ("bytes_read", 6), ("bytes_buffered", 8), ("bytes_sent", 8),
                                  ("bytes_read", 8), ("lose_connection", None), ("connection_closed", None)])
        server = [(e["kind"], e.get("bytes")) for e in byConnection[2]]
        self.assertEqual(server, [("connection_made", None), ("bytes_read", 6), ("bytes_buffered", 6),
                                  ("bytes_sent", 6), ("bytes_read", 8), ("bytes_buffered", 8), ("bytes_sent", 8),
                                  ("connection_closed", None)])
        self.assertEqual([e["side"] for e in support.ofKind(events, "connection_made")], ["server", "client"])
        reasons = {e["reason"] for e in support.ofKind(events, "connection_closed")}
        self.assertEqual(reasons, {"twisted.internet.error.ConnectionDone: Connection was closed cleanly."})
        accepted = support.ofKind(events, "connections_accepted")
        self.assertEqual([(e["accepted"], e["next_limit"]) for e in accepted], [(1, 1)])

    def test_stop_listening_closes_the_port_a_turn_later_as_twisted_does(self):
        events, _ = support.trace(LESSON_03)
        removed = next(e for e in events if e["kind"] == "reader_removed" and e["handler"] == "Port")
        closed = support.ofKind(events, "port_closed")[0]
        listening = support.ofKind(events, "port_listening")[0]
        self.assertEqual((listening["port"], listening["interface"]), (1, "127.0.0.1"))
        self.assertEqual(closed["fd"], listening["fd"])
        self.assertEqual(closed["iter"], removed["iter"] + 1)

    def test_abort_drops_the_buffer_and_the_connection_ends_with_connection_aborted_a_turn_later(self):
        source = """
            from twisted.internet import reactor, protocol

            class Aborter(protocol.Protocol):
                def connectionMade(self):
                    self.transport.write(b"never sent")
                    self.transport.abortConnection()
                def connectionLost(self, reason):
                    print("lost:", reason.type.__name__)
                    reactor.stop()

            port = reactor.listenTCP(0, protocol.Factory.forProtocol(protocol.Protocol), interface="127.0.0.1")
            protocol.ClientCreator(reactor, Aborter).connectTCP("127.0.0.1", port.getHost().port)
            reactor.run()
        """
        events, done = support.trace(support.program("abort.py", source))
        self.assertEqual(done.stdout, "lost: ConnectionAborted\n")
        aborted = support.ofKind(events, "connection_aborted")
        self.assertEqual([(e["connection"], e["dropped"]) for e in aborted], [(1, 10)])
        closed = [e for e in support.ofKind(events, "connection_closed") if e["connection"] == 1][0]
        self.assertTrue(closed["reason"].startswith("twisted.internet.error.ConnectionAborted"))
        self.assertEqual(closed["iter"], aborted[0]["iter"] + 1)

    def test_a_refused_connect_is_connect_failed_with_its_reason(self):
        source = """
            import socket
            from twisted.internet import reactor, protocol
            s = socket.socket(); s.bind(("127.0.0.1", 0)); number = s.getsockname()[1]; s.close()

            class Factory(protocol.ClientFactory):
                def clientConnectionFailed(self, connector, reason):
                    print("failed:", reason.type.__name__)
                    reactor.stop()

            reactor.connectTCP("127.0.0.1", number, Factory())
            reactor.run()
        """
        events, done = support.trace(support.program("refused.py", source))
        self.assertEqual(done.stdout, "failed: ConnectionRefusedError\n")
        failed = support.ofKind(events, "connect_failed")
        self.assertEqual(len(failed), 1)
        self.assertTrue(failed[0]["reason"].startswith("twisted.internet.error.ConnectionRefusedError"))


if __name__ == "__main__":
    unittest.main()
