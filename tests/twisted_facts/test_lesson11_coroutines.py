"""Lesson 11 (coroutines): when Twisted's coroutines and inlineCallbacks start running."""

import unittest

from twisted.internet.defer import CancelledError, Deferred, ensureDeferred, inlineCallbacks


async def card(steps, name):
    steps.append("started")
    value = await name
    steps.append(f"resumed with {value}")
    return f"{value}: 41 points"


class StartingACoroutine(unittest.TestCase):
    def test_calling_an_async_def_function_runs_none_of_its_body(self):
        """Backs lesson 11, "Where we differ from Twisted": "async def needs ensureDeferred to
        start" (or Deferred.fromCoroutine)."""
        steps = []
        coroutine = card(steps, Deferred())
        self.assertEqual(steps, [])
        coroutine.close()

    def test_ensureDeferred_runs_the_coroutine_at_once_until_it_awaits_an_unfired_Deferred(self):
        """Backs lesson 11, "The coroutine frame": ours starts running at once, "like Twisted's
        ensureDeferred", and the caller gets its Deferred at the first suspension."""
        steps = []
        name = Deferred()
        result = ensureDeferred(card(steps, name))
        self.assertEqual(steps, ["started"])
        self.assertFalse(result.called)
        name.callback("ada")
        self.assertEqual(steps, ["started", "resumed with ada"])
        self.assertEqual(result.result, "ada: 41 points")

    def test_awaiting_an_already_fired_Deferred_does_not_suspend(self):
        """Backs lesson 11, "An already-fired Deferred" (Twisted behaves alike: the value is
        taken at once and the function runs on)."""
        steps = []
        cached = Deferred()
        cached.callback("ada")
        result = ensureDeferred(card(steps, cached))
        self.assertEqual(steps, ["started", "resumed with ada"])
        self.assertEqual(result.result, "ada: 41 points")

    def test_an_inlineCallbacks_generator_also_runs_at_once_when_called(self):
        """Backs lesson 11: "Twisted's inlineCallbacks is a generator driven by yield"; calling the
        decorated function starts it and returns a Deferred."""
        steps = []
        name = Deferred()

        @inlineCallbacks
        def card_with_yield():
            steps.append("started")
            value = yield name
            return value

        result = card_with_yield()
        self.assertEqual(steps, ["started"])
        name.callback("ada")
        self.assertEqual(result.result, "ada")



class RecordingDeferred(Deferred):
    """A Deferred that notes the qualified name of each callback added to it."""

    def __init__(self, added):
        super().__init__()
        self.added = added

    def addCallbacks(self, callback, errback=None, *args, **kw):
        self.added.append(callback.__qualname__)
        return super().addCallbacks(callback, errback, *args, **kw)


class YieldAndAwait(unittest.TestCase):
    def test_yield_of_a_fired_Deferred_adds_gotResult_and_await_adds_no_pair(self):
        """Backs lesson 11, "Where we differ from Twisted" (twin.json yield-of-a-fired-deferred-adds-a-pair):
        _inlineCallbacks calls result.addBoth(gotResult, ...) on every yielded Deferred, fired or
        not; Deferred.send (await) raises StopIteration with a fired Deferred's result at once."""
        viaYield = []
        fired = RecordingDeferred(viaYield)
        fired.callback("ada")

        @inlineCallbacks
        def withYield():
            value = yield fired
            return value

        self.assertEqual(withYield().result, "ada")
        self.assertEqual(viaYield, ["_inlineCallbacks.<locals>.gotResult"])

        viaAwait = []
        firedToo = RecordingDeferred(viaAwait)
        firedToo.callback("ada")

        async def withAwait():
            return await firedToo

        self.assertEqual(ensureDeferred(withAwait()).result, "ada")
        self.assertEqual(viaAwait, [])


class CancellingACoroutine(unittest.TestCase):
    def test_cancel_throws_into_the_coroutine_which_may_catch_it_and_a_second_cancel_reaches_its_next_wait(self):
        """Backs reactor/deferred/coroutine_cancel.h (Twisted's _cancellableInlineCallbacks;
        test_inlinecb.py's test_inlineCallbacksCancelCaptured): the first cancel() cancels the
        awaited Deferred; the coroutine catches the CancelledError and awaits another, so its own
        Deferred has no result yet; a second cancel() cancels that one, and the error escapes."""
        cancelled = []
        d1 = Deferred(lambda d: cancelled.append("d1"))
        d2 = Deferred(lambda d: cancelled.append("d2"))

        async def catchesTheFirst():
            try:
                await d1
            except CancelledError:
                pass
            await d2

        result = ensureDeferred(catchesTheFirst())
        result.cancel()
        self.assertEqual(cancelled, ["d1"])
        # No result of its own: it waits on the new Deferred the coroutine will fire when it ends.
        self.assertIsInstance(result.result, Deferred)
        result.cancel()
        self.assertEqual(cancelled, ["d1", "d2"])
        caught = []
        result.addErrback(lambda f: caught.append(f.trap(CancelledError)))
        self.assertEqual(caught, [CancelledError])

    def test_a_coroutine_that_cancels_its_own_Deferred_while_running_still_decides_its_result(self):
        """Backs tests/deferred/coroutine_test.cpp: the Deferred it last awaited has fired, so the
        cancel forwarded to it does nothing, and the coroutine's return value is the result."""
        gate = Deferred()
        holder = []

        async def cancelsItself():
            await gate
            holder[0].cancel()
            return "carried on"

        result = ensureDeferred(cancelsItself())
        holder.append(result)
        gate.callback(None)
        self.assertEqual(result.result, "carried on")


if __name__ == "__main__":
    unittest.main()
