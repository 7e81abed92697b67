"""clocks.py and waits.py: under --clock manual, time is logical, as our ManualClock's."""

import unittest

from reactorlab_twisted.clocks import ManualClock, SystemClock, nanoseconds

from . import support

TIMERS = """
    from twisted.internet import reactor
    reactor.callLater(0.1, print, "a")
    reactor.callLater(0.1 + 0.2, print, "b")   # 0.30000000000000004 s
    reactor.callLater(2.5, reactor.stop)
    reactor.run()
"""


class Logical(unittest.TestCase):
    def test_a_wait_with_nothing_ready_jumps_by_its_whole_timeout_straight_to_the_next_timer(self):
        events, done = support.trace(support.program("timers.py", TIMERS))
        self.assertEqual(done.stdout, "a\nb\n")
        begins = support.ofKind(events, "wait_begin")
        ends = support.ofKind(events, "wait_end")
        for begin, end in zip(begins, ends):
            self.assertEqual(end["t"], begin["t"] + (begin["timeout_ns"] or 0))
        fired = [e["t"] for e in support.ofKind(events, "timer_fired")]
        self.assertEqual(fired, [100000000, 300000000, 2500000000])
        # One wait per timer: the float deadline 0.1 + 0.2 is reached exactly, not just missed.
        self.assertEqual(len(begins), 4)
        ts = [e["t"] for e in events]
        self.assertEqual(ts, sorted(ts), "time never goes back")

    def test_the_same_program_writes_byte_identical_traces_run_after_run(self):
        path = support.program("again.py", TIMERS)
        outputs = []
        for run in range(3):
            out = support.scratch(f"again-{run}.jsonl")
            done = support.run(["run", "--clock", "manual", "--trace", out, path])
            self.assertEqual(done.returncode, 0, done.stderr)
            with open(out, "rb") as f:
                outputs.append(f.read())
        self.assertEqual(outputs[0], outputs[1])
        self.assertEqual(outputs[1], outputs[2])

    def test_a_loop_that_could_never_wake_ends_with_a_clear_error_instead_of_hanging(self):
        source = """
            from twisted.internet import reactor
            reactor.run()
            print("after run")
        """
        events, done = support.trace(support.program("forever.py", source))
        self.assertEqual(done.returncode, 1)
        self.assertIn("under --clock manual the loop would wait forever: no timer is pending and no handler is "
                      "registered (did the program forget to call reactor.stop()?)", done.stderr)
        self.assertEqual(done.stdout, "after run\n", "run() returned; the program went on")
        self.assertEqual(events[-2]["kind"], "error_logged")

    def test_the_system_clock_keeps_twisteds_own_time_and_traces_monotonic_nanoseconds(self):
        source = """
            import time
            from twisted.internet import reactor
            start = reactor.seconds()
            print(abs(start - time.time()) < 5)
            reactor.callLater(0.01, reactor.stop)
            reactor.run()
        """
        events, done = support.trace(support.program("system.py", source), clock="system")
        self.assertEqual(done.stdout, "True\n")
        fired = support.ofKind(events, "timer_fired")[0]
        self.assertGreaterEqual(fired["t"], 10_000_000)


class Clocks(unittest.TestCase):
    def test_manual_time_moves_only_forward_and_only_when_told(self):
        clock = ManualClock()
        self.assertEqual(clock.seconds(), 0.0)
        clock.advanceTo(0.30000000000000004)
        self.assertEqual(clock.seconds(), 0.30000000000000004)
        self.assertEqual(clock.nowNs(), 300000000)
        clock.advanceTo(0.1)
        self.assertEqual(clock.nowNs(), 300000000)
        self.assertEqual(nanoseconds(2.5), 2500000000)
        self.assertFalse(ManualClock.waitsForReal)
        self.assertTrue(SystemClock.waitsForReal)


if __name__ == "__main__":
    unittest.main()
