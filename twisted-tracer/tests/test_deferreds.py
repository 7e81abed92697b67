"""deferreds.py: Twisted's Deferreds, traced with our Deferred kinds."""

import unittest

from . import support

CHAIN = """
    from twisted.internet import defer, reactor, task

    def double(x):
        return x * 2

    def boom(x):
        raise ValueError("boom")

    def recover(f):
        return "recovered"

    d = defer.Deferred()
    d.addCallback(double).addCallback(boom).addErrback(recover)
    d.callback(21)

    inner = defer.Deferred()
    outer = defer.Deferred()
    outer.addCallback(lambda _: inner)
    outer.addCallback(lambda v: v + 1)
    outer.callback(0)
    reactor.callLater(1, inner.callback, 41)

    def lose():
        lost = defer.Deferred()
        lost.errback(RuntimeError("nobody listened"))
    lose()

    slow = defer.Deferred()
    slow.addTimeout(2, reactor)
    slow.addErrback(lambda f: f.type.__name__)

    @defer.inlineCallbacks
    def coro():
        value = yield task.deferLater(reactor, 0.5, lambda: 7)
        return value * 6

    coro().addCallback(print)
    c = defer.Deferred()
    c.cancel()
    c.addErrback(lambda f: None)
    p = defer.Deferred()
    p.pause()
    p.callback("late")
    p.unpause()
    reactor.callLater(3, reactor.stop)
    reactor.run()
"""


class Chains(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.path = support.program("chains.py", CHAIN)
        cls.events, cls.done = support.trace(cls.path)

    def deferred(self, n):
        return [support.fields(e) for e in self.events if e.get("deferred") == n]

    def line(self, text):
        with open(self.path) as f:
            return f"{support.sourceName(self.path)}:{next(i for i, line in enumerate(f, 1) if text in line)}"

    def test_the_program_runs_as_it_would_untraced(self):
        self.assertEqual(self.done.returncode, 0, self.done.stderr)
        self.assertEqual(self.done.stdout, "42\n")

    def test_a_chain_shows_each_pair_the_callbacks_that_ran_and_the_path_switches(self):
        self.assertEqual(self.deferred(1), [
            {"kind": "deferred_created", "deferred": 1, "label": "deferred 1", "at": self.line("d = defer.Deferred()")},
            {"kind": "deferred_pair_added", "deferred": 1, "pair": 1, "side": "callback", "label": "double",
             "at": self.line("d.addCallback(double)")},
            {"kind": "deferred_pair_added", "deferred": 1, "pair": 2, "side": "callback", "label": "boom",
             "at": self.line("d.addCallback(double)")},
            {"kind": "deferred_pair_added", "deferred": 1, "pair": 3, "side": "errback", "label": "recover",
             "at": self.line("d.addCallback(double)")},
            {"kind": "deferred_fired", "deferred": 1, "failed": False, "result": "21"},
            {"kind": "deferred_callback_ran", "deferred": 1, "pair": 1, "side": "callback", "label": "double",
             "input": "21", "output": "42", "next": "callback"},
            {"kind": "deferred_callback_ran", "deferred": 1, "pair": 2, "side": "callback", "label": "boom",
             "input": "42", "output": "builtins.ValueError: boom", "next": "errback"},
            {"kind": "deferred_callback_ran", "deferred": 1, "pair": 3, "side": "errback", "label": "recover",
             "input": "builtins.ValueError: boom", "output": '"recovered"', "next": "callback"}])

    def test_a_callback_returning_an_unfired_deferred_pauses_on_it_until_it_fires(self):
        outer = self.deferred(3)
        kinds = [e["kind"] for e in outer]
        self.assertEqual(kinds, ["deferred_created", "deferred_pair_added", "deferred_pair_added", "deferred_fired",
                                 "deferred_callback_ran", "deferred_paused", "deferred_resumed", "deferred_callback_ran"])
        self.assertEqual((outer[4]["output"], outer[4]["next"]), (None, "wait"))
        self.assertEqual(outer[5]["on"], 2)
        self.assertEqual((outer[6]["from"], outer[6]["result"]), (2, "41"))
        self.assertEqual((outer[7]["input"], outer[7]["output"]), ("41", "42"))
        continuation = [e for e in self.deferred(2) if e["kind"] == "deferred_pair_added"]
        self.assertEqual(continuation, [{"kind": "deferred_pair_added", "deferred": 2, "pair": 1, "side": "continuation",
                                         "label": "resume deferred 3", "at": self.line("outer = defer.Deferred()")}])
        resumed = next(e for e in self.events if e["kind"] == "deferred_resumed" and e["deferred"] == 3)
        self.assertEqual(resumed["t"], 1000000000)

    def test_an_unhandled_failure_is_reported_when_its_deferred_is_collected(self):
        unhandled = support.ofKind(self.events, "deferred_unhandled")
        self.assertEqual([support.fields(e) for e in unhandled],
                         [{"kind": "deferred_unhandled", "deferred": 4, "label": "lose",
                           "failure": "builtins.RuntimeError: nobody listened"}])
        self.assertIn("Unhandled error in Deferred", self.done.stderr, "Twisted's own report is unchanged")

    def test_add_timeout_writes_timed_out_then_cancelled_from_its_timer(self):
        kinds = [e["kind"] for e in self.events if e.get("deferred") == 5 or e["kind"] == "timer_fired"]
        at = kinds.index("deferred_timed_out")
        self.assertEqual(kinds[at - 1:at + 3], ["timer_fired", "deferred_timed_out", "deferred_cancelled", "deferred_fired"])
        timedOut = support.ofKind(self.events, "deferred_timed_out")[0]
        self.assertEqual((timedOut["deferred"], timedOut["timeout_ns"], timedOut["t"]), (5, 2000000000, 2000000000))
        last = [e for e in self.deferred(5) if e["kind"] == "deferred_callback_ran"][-1]
        self.assertEqual(last["output"], '"TimeoutError"')

    def test_an_inline_callbacks_function_names_the_line_it_waits_at(self):
        made = [e for e in support.ofKind(self.events, "deferred_created") if e["label"] == "deferLater"]
        self.assertEqual(len(made), 1)
        pairs = [e for e in support.ofKind(self.events, "deferred_pair_added")
                 if e["deferred"] == made[0]["deferred"] and e["label"].endswith("gotResult")]
        self.assertEqual(pairs[0]["at"], self.line("value = yield task.deferLater"))

    def test_cancel_and_pause_say_their_state(self):
        cancelled = [support.fields(e) for e in support.ofKind(self.events, "deferred_cancelled")]
        self.assertIn({"kind": "deferred_cancelled", "deferred": 8, "state": "unfired"}, cancelled)
        paused = [e for e in self.events if e["kind"] in ("deferred_paused", "deferred_resumed", "deferred_fired")
                  and e["deferred"] == 9]
        self.assertEqual([support.fields(e) for e in paused], [
            {"kind": "deferred_paused", "deferred": 9, "on": None},
            {"kind": "deferred_fired", "deferred": 9, "failed": False, "result": '"late"'},
            {"kind": "deferred_resumed", "deferred": 9, "from": None}])


class Installing(unittest.TestCase):
    def test_tracing_is_undone_and_twisteds_own_methods_come_back(self):
        from twisted.internet import defer
        from reactorlab_twisted import deferreds
        before = {name: defer.Deferred.__dict__[name] for name in ("__init__", "addCallbacks", "pause")}
        seen = []
        deferreds.install(lambda kind, fields: seen.append(kind))
        try:
            d = defer.Deferred()
            d.addCallback(lambda x: x)
            d.callback(1)
            self.assertEqual(seen, ["deferred_created", "deferred_pair_added", "deferred_fired", "deferred_callback_ran"])
        finally:
            deferreds.uninstall()
        self.assertEqual({name: defer.Deferred.__dict__[name] for name in before}, before)
        self.assertEqual(defer.Deferred.paused, 0)
        seen.clear()
        defer.succeed(1).addCallback(lambda x: x)
        self.assertEqual(seen, [])


if __name__ == "__main__":
    unittest.main()
