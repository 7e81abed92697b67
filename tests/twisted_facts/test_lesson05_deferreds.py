"""Lesson 05 (Deferreds): chains without recursion, DeferredList and gatherResults in Twisted."""

import sys
import unittest

from twisted.internet import defer
from twisted.internet.defer import Deferred, DeferredList, FirstError, gatherResults

import support


class LongChains(unittest.TestCase):
    def test_a_chain_of_Deferreds_much_deeper_than_the_recursion_limit_resumes_in_one_loop(self):
        """Backs lesson 05, "Deferred resumed": "Twisted's _runCallbacks works the same way" (a
        `chain` list of Deferreds handled by one loop, not one Python call per Deferred)."""
        depth = sys.getrecursionlimit() * 10
        chain = [Deferred() for _ in range(depth)]
        for outer, inner in zip(chain, chain[1:]):
            outer.addCallback(lambda _, inner=inner: inner)
        for d in chain[:-1]:
            d.callback(None)  # each pauses on the next, still unfired
        self.assertTrue(chain[0].paused)
        chain[-1].callback("bottom")
        results = []
        chain[0].addCallback(results.append)
        self.assertEqual(results, ["bottom"])


class ManyResults(unittest.TestCase):
    def test_DeferredList_gives_success_result_entries_in_the_order_given_not_fired(self):
        """Backs lesson 05, "Many results at once": a list of [success, result] entries in the order
        the Deferreds were given."""
        first, second = Deferred(), Deferred()
        results = []
        DeferredList([first, second], consumeErrors=True).addCallback(results.append)
        second.errback(ValueError("second failed"))
        self.assertEqual(results, [], "DeferredList fired before every Deferred had fired")
        first.callback("first")
        [(ok1, value1), (ok2, value2)] = results[0]
        self.assertEqual((ok1, value1), (True, "first"))
        self.assertEqual((ok2, support.failure_type(value2)), (False, ValueError))

    def test_gatherResults_gives_the_values_and_fails_at_the_first_failure_with_FirstError(self):
        """Backs lesson 05: gatherResults "gives just the values, and fails at the first failure"
        (lesson 10: with FirstError, whose index names the Deferred)."""
        values = []
        gatherResults([_fired(1), _fired(2)]).addCallback(values.append)
        self.assertEqual(values, [[1, 2]])
        slow, failing = Deferred(), Deferred()
        outcome = []
        gatherResults([slow, failing], consumeErrors=True).addBoth(outcome.append)
        failing.errback(KeyError("lost"))
        self.assertEqual(len(outcome), 1, "gatherResults waited for the slow Deferred")
        self.assertIs(support.failure_type(outcome[0]), FirstError)
        self.assertEqual(outcome[0].value.index, 1)
        self.assertIs(outcome[0].value.subFailure.type, KeyError)


class CancellingAList(unittest.TestCase):
    def test_DeferredList_cancel_logs_a_canceller_that_raises_and_still_cancels_the_others(self):
        """Backs reactor/deferred/deferred_list.h, cancel(): defer.DeferredList.cancel wraps each
        input's cancel() in try/except and logs "Exception raised from user supplied canceller";
        the input whose canceller raised stays unfired, and so does the list (it adds no
        CancelledError of its own)."""
        support.LOG.clear()

        def raising(d):
            raise RuntimeError("canceller failed")

        throwing, plain = Deferred(raising), Deferred()
        dl = DeferredList([throwing, plain])
        dl.cancel()
        self.assertIs(support.failure_type(plain.result), defer.CancelledError)
        plain.addErrback(lambda f: f.trap(defer.CancelledError))
        self.assertFalse(throwing.called)
        self.assertFalse(dl.called)
        self.assertIn("Exception raised from user supplied canceller", support.LOG.formats())
        throwing.callback("late but fine")
        self.assertEqual(dl.result[0], (True, "late but fine"))

    def test_a_DeferredList_entry_holds_the_Failure_itself_which_can_be_trapped(self):
        """Backs lesson 05, "Where we differ from Twisted" (entries with real Failures come from
        addEntriesCallback in ours): the entry is (False, failure), and failure.trap works."""
        a = Deferred()
        trapped = []
        dl = DeferredList([a], consumeErrors=True)
        dl.addCallback(lambda entries: trapped.append(entries[0][1].trap(KeyError)))
        a.errback(KeyError("lost"))
        self.assertEqual(trapped, [KeyError])


def _fired(value):
    d = Deferred()
    d.callback(value)
    return d


if __name__ == "__main__":
    unittest.main()
