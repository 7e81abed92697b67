"""Lesson 06 (time): deferLater, addTimeout and LoopingCall in Twisted, on a task.Clock."""

import unittest

from twisted.internet import defer, task
from twisted.internet.defer import Deferred

import support


def looping_call(f, clock, counting):
    loop = task.LoopingCall.withCount(f) if counting else task.LoopingCall(f)
    loop.clock = clock
    return loop


def run_with_a_stall(counting):
    """The lesson's heartbeat: every second from 0 s; the loop is stuck from 2.2 s to 4.7 s."""
    clock = task.Clock()
    calls = []
    loop = looping_call(lambda *args: calls.append((clock.seconds(), args)), clock, counting)
    loop.start(1.0)
    clock.advance(1.0)
    clock.advance(1.0)
    clock.advance(0.2)
    clock.advance(2.5)  # the handler that "works" for 2.5 s
    clock.pump([0.3, 1.0])
    loop.stop()
    return calls


class LoopingCallCount(unittest.TestCase):
    def test_plain_LoopingCall_calls_the_function_with_no_argument_and_skips_missed_intervals(self):
        """Backs lesson 06, "Where we differ from Twisted": plain task.LoopingCall(f) calls f with
        no argument, even after a stall; it too skips the missed calls rather than running them
        in a burst (LoopingCall._scheduleFrom)."""
        self.assertEqual(
            run_with_a_stall(counting=False),
            [(0.0, ()), (1.0, ()), (2.0, ()), (4.7, ()), (5.0, ()), (6.0, ())],
        )

    def test_LoopingCall_withCount_passes_the_number_of_intervals_that_went_by(self):
        """Backs lesson 06, "Timer fired: the heartbeat": the call at 4.7 s gets 2, then the grid
        resumes at 5 s; that is task.LoopingCall.withCount, the form whose function takes a count."""
        self.assertEqual(
            run_with_a_stall(counting=True),
            [(0.0, (1,)), (1.0, (1,)), (2.0, (1,)), (4.7, (2,)), (5.0, (1,)), (6.0, (1,))],
        )

    def test_stop_fires_the_Deferred_from_start_with_the_LoopingCall_itself(self):
        """Backs lesson 06: "Twisted fires it with the LoopingCall itself"."""
        clock = task.Clock()
        loop = looping_call(lambda: None, clock, counting=False)
        fired = []
        loop.start(1.0).addCallback(fired.append)
        clock.advance(1.0)
        loop.stop()
        self.assertEqual(fired, [loop])

    def test_stop_inside_the_function_that_then_raises_fails_the_Deferred_with_that_error(self):
        """Backs LoopingCall::stop (reactor/deferred/looping_call.h): Twisted's stop() fires
        start()'s Deferred only between calls (task.LoopingCall.stop: "if self.call is not None"),
        so the failure of the call that stopped it reaches the Deferred (test_task.py's
        testFailAndStop)."""
        clock = task.Clock()

        def tick():
            loop.stop()
            raise ValueError("stopped, then failed")

        loop = looping_call(tick, clock, counting=False)
        outcome = []
        loop.start(1.0).addBoth(outcome.append)
        self.assertIs(support.failure_type(outcome[0]), ValueError)

    def test_a_returned_Deferred_holds_back_the_next_call_until_it_fires(self):
        """Backs lesson 06, exercise 3: "LoopingCall waits for a returned Deferred before
        scheduling the next call"."""
        clock = task.Clock()
        calls = []

        def beat():
            calls.append(clock.seconds())
            return task.deferLater(clock, 1.5)

        loop = looping_call(beat, clock, counting=False)
        loop.start(1.0)
        clock.pump([0.5] * 8)
        loop.stop()
        self.assertEqual(calls, [0.0, 2.0, 4.0])


class LaterAndTimeouts(unittest.TestCase):
    def test_deferLater_fires_with_the_function_result_and_cancelling_it_cancels_the_timer(self):
        """Backs lesson 06, "Timer scheduled": deferLater is callLater plus a Deferred whose first
        callback calls f; cancelling the Deferred cancels the timer."""
        clock = task.Clock()
        results = []
        task.deferLater(clock, 3.0, lambda: "done").addCallback(results.append)
        clock.advance(3.0)
        self.assertEqual(results, ["done"])
        cancelled = task.deferLater(clock, 3.0, results.append, "never")
        cancelled.addErrback(lambda f: f.trap(defer.CancelledError))
        self.assertEqual(len(clock.getDelayedCalls()), 1)
        cancelled.cancel()
        self.assertEqual(clock.getDelayedCalls(), [])

    def test_deferLater_adds_its_callback_pair_before_it_schedules_the_timer(self):
        """Backs reactor/deferred/defer_later.h and the twins of lessons 05-08 and 11, which no
        longer list a difference in order: task.deferLater makes the Deferred, adds cb, and only
        then calls clock.callLater(delay, d.callback, None)."""
        pairsWhenScheduled = []

        class RecordingClock(task.Clock):
            def callLater(self, delay, f, *args, **kw):
                pairsWhenScheduled.append(len(f.__self__.callbacks))
                return super().callLater(delay, f, *args, **kw)

        task.deferLater(RecordingClock(), 1.0, lambda: None)
        self.assertEqual(pairsWhenScheduled, [1])

    def test_addTimeout_cancels_the_Deferred_and_turns_CancelledError_into_TimeoutError(self):
        """Backs lesson 06, "Deferred timed out"."""
        clock = task.Clock()
        outcome = []
        Deferred().addTimeout(2.0, clock).addBoth(outcome.append)
        clock.advance(2.0)
        self.assertIs(support.failure_type(outcome[0]), defer.TimeoutError)

    def test_addTimeout_hands_a_timed_out_result_to_onTimeoutCancel_with_the_timeout(self):
        """Backs Deferred::addTimeout's onTimeoutCancel (reactor/deferred/deferred.h): called only
        after the timeout, with the result then (a CancelledError) and the timeout; what it
        returns is the result, even a value."""
        clock = task.Clock()
        seen = []

        def onTimeoutCancel(result, timeout):
            seen.append((support.failure_type(result), timeout))
            return "OVERRIDDEN"

        d = Deferred().addTimeout(10.0, clock, onTimeoutCancel=onTimeoutCancel)
        clock.advance(15.0)
        self.assertEqual(seen, [(defer.CancelledError, 10.0)])
        self.assertEqual(d.result, "OVERRIDDEN")
        cancelled = Deferred().addTimeout(10.0, clock, onTimeoutCancel=onTimeoutCancel)
        cancelled.cancel()
        cancelled.addErrback(lambda f: f.trap(defer.CancelledError))
        self.assertEqual(len(seen), 1)

    def test_addTimeout_cancels_its_timer_when_the_Deferred_fires_in_time(self):
        """Backs lesson 06: "the second pair `addTimeout` added cancels its timer"."""
        clock = task.Clock()
        quick = Deferred().addTimeout(2.0, clock)
        self.assertEqual(len(clock.getDelayedCalls()), 1)
        clock.advance(1.0)
        quick.callback("answer")
        self.assertEqual(clock.getDelayedCalls(), [])
        self.assertEqual(quick.result, "answer")


if __name__ == "__main__":
    unittest.main()
