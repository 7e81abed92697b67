"""Lesson 01 (the event loop): what it says about Twisted's timers."""

import unittest

import support


class TimersDueTogether(unittest.TestCase):
    def test_the_reactor_may_run_calls_due_at_the_same_time_out_of_scheduling_order(self):
        """Backs lesson 01, "Run due timers": "Twisted does not promise that order; we do".

        ReactorBase keeps pending DelayedCalls in a heap ordered by time alone
        (twisted/internet/base.py, runUntilCurrent and heappop), and a heap does not keep equal keys
        in insertion order.
        """
        reactor = support.fresh_reactor("select")
        now = [0.0]
        reactor.seconds = lambda: now[0]
        ran = []
        for i in range(8):
            reactor.callLater(1.0, ran.append, i)
        now[0] = 1.0
        reactor.runUntilCurrent()
        self.assertEqual(sorted(ran), list(range(8)), "every call due at 1 s ran")
        self.assertNotEqual(ran, list(range(8)), "the eight calls ran in the order they were scheduled")

    def test_a_call_scheduled_for_now_by_a_running_timer_waits_for_the_next_pass(self):
        """Backs lesson 01, "Run due timers": a timer that schedules another for "now" does not
        get it run in the same phase (Twisted holds new calls in _newTimedCalls until the next
        runUntilCurrent, as our TimerQueue::popDue takes only calls scheduled before the phase)."""
        reactor = support.fresh_reactor("select")
        now = [0.0]
        reactor.seconds = lambda: now[0]
        ran = []

        def first():
            ran.append("first")
            reactor.callLater(0, ran.append, "second")

        reactor.callLater(0, first)
        reactor.runUntilCurrent()
        self.assertEqual(ran, ["first"])
        reactor.runUntilCurrent()
        self.assertEqual(ran, ["first", "second"])


if __name__ == "__main__":
    unittest.main()
