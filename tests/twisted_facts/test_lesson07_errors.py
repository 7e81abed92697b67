"""Lesson 07 (errors): trap, and when Twisted reports an unhandled error in a Deferred."""

import gc
import unittest
import weakref

from twisted.internet import task
from twisted.internet.defer import Deferred

import support

REPORT = "Unhandled error in Deferred:"


class CollectorOff:
    """Python's cycle collector switched off, so only reference counting frees objects."""

    def __enter__(self):
        self.was_enabled = gc.isenabled()
        gc.disable()
        support.LOG.clear()

    def __exit__(self, *exc):
        if self.was_enabled:
            gc.enable()


def failed_deferred():
    d = Deferred()
    d.errback(ValueError("nobody handles this"))
    return d


class UnhandledErrors(unittest.TestCase):
    def test_a_failed_Deferred_is_reported_as_soon_as_its_last_reference_goes(self):
        """Backs lesson 07, "Where we differ from Twisted": CPython's reference counting runs
        DebugInfo.__del__ (twisted/internet/defer.py) when the last reference goes, no collector
        needed; the report is the log line "Unhandled error in Deferred:"."""
        with CollectorOff():
            d = failed_deferred()
            self.assertNotIn(REPORT, support.LOG.formats())
            del d
            self.assertIn(REPORT, support.LOG.formats())

    def test_a_failed_Deferred_in_a_reference_cycle_is_reported_only_by_the_cycle_collector(self):
        """Backs lesson 07: "only a Deferred caught in a reference cycle waits for the collector"."""
        with CollectorOff():
            d = failed_deferred()
            d.result.keeps = d  # the Failure refers back to its Deferred: a cycle
            del d
            self.assertNotIn(REPORT, support.LOG.formats())
            gc.collect()
            self.assertIn(REPORT, support.LOG.formats())

    def test_the_chain_drops_a_failures_traceback_so_its_frames_hold_no_cycle(self):
        """Backs lesson 07: _runCallbacks calls Failure.cleanFailure on a chain that ends failed,
        so a failure raised in a frame that refers to the Deferred does not keep the two alive."""
        with CollectorOff():
            d = Deferred()

            def parse(_, owner=d):
                raise ValueError("bad config")

            d.addCallback(parse)
            d.callback("config")
            self.assertIsNone(d.result.tb)
            self.assertIsNone(d.result.value.__traceback__)
            del d, parse
            self.assertIn(REPORT, support.LOG.formats())

    def test_an_errback_that_handles_the_failure_leaves_nothing_to_report(self):
        """Backs lesson 07, exercise 2: an errback that returns a value clears the report."""
        with CollectorOff():
            d = failed_deferred()
            d.addErrback(lambda failure: "handled")
            del d
            self.assertNotIn(REPORT, support.LOG.formats())


class DeferLaterCycle(unittest.TestCase):
    def test_a_failed_deferLater_Deferred_is_in_a_reference_cycle_so_only_the_cycle_collector_reports_it(self):
        """Backs lesson 07, "Real Twisted, side by side" (unhandled-at-the-cycle-collection in
        twin.json): task.deferLater's Deferred holds its canceller deferLaterCancel, whose closure
        holds the DelayedCall, whose func is the Deferred's own callback; Twisted 22.4 keeps the
        canceller after the Deferred fired (defer.Deferred._startRunCallbacks; 23.8 and later
        drop it there, as ours does), so reference counting never frees the Deferred."""
        with CollectorOff():
            clock = task.Clock()

            def failing():
                raise ValueError("config missing")

            d = task.deferLater(clock, 2.0, failing)
            clock.advance(2.0)
            self.assertIsNotNone(d._canceller)
            alive = weakref.ref(d)
            del d
            self.assertIsNotNone(alive())
            self.assertNotIn(REPORT, support.LOG.formats())
            gc.collect()
            self.assertIsNone(alive())
            self.assertIn(REPORT, support.LOG.formats())


class Trap(unittest.TestCase):
    def test_trap_returns_the_type_it_matched_and_re_raises_anything_else_unchanged(self):
        """Backs lesson 07, "trap": trap returns for the types it names and otherwise raises the
        original exception, so the chain stays on the errback side with the same error."""
        error = LookupError("not found")
        d = Deferred()
        d.errback(error)
        trapped = []
        d.addErrback(lambda f: trapped.append(f.trap(LookupError)))
        self.assertEqual(trapped, [LookupError])

        original = RuntimeError("logic")
        d = Deferred()
        d.errback(original)
        d.addErrback(lambda f: f.trap(LookupError))
        seen = []
        d.addErrback(seen.append)
        self.assertIs(seen[0].value, original)


if __name__ == "__main__":
    unittest.main()
