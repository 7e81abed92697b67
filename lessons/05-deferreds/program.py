"""Lesson 05's program, the way a Twisted user writes it: the twin of program.cpp.

Four parts, as in program.cpp: a chain of two callbacks fired by hand; a callback that returns a
Deferred firing a second later (task.deferLater), so the outer chain waits on it; two results
gathered by a DeferredList; and part 2 again as a coroutine (`async def`, `await`, turned into a
Deferred by Deferred.fromCoroutine, as program.cpp's `co_await` function returns one). A timer
stops the reactor at 3 s.

Run it under the tracer, with logical time, to get the trace the lesson compares with ours:
    build/bin/reactorlab-twisted run --clock manual --trace build/traces/05-twisted.jsonl \\
        lessons/05-deferreds/program.py
Read: lessons/05-deferreds/lesson.md, "Real Twisted, side by side".
"""

import json

from twisted.internet import reactor, task
from twisted.internet.defer import Deferred, DeferredList


def text(value):
    return json.dumps(value, separators=(",", ":"), sort_keys=True)


def plainChain():
    """Part 1: a chain of two callbacks, fired by hand."""
    d = Deferred()

    def doubleIt(x):
        return x * 2

    def printIt(x):
        print(f"  part 1: the chain ends with {x}")

    d.addCallback(doubleIt)
    d.addCallback(printIt)
    d.callback(21)


def waitOnInner():
    """Part 2: a callback returns a Deferred that fires a second later; the outer chain waits."""
    d = Deferred()

    def fetchRecord(name):
        return task.deferLater(reactor, 1, lambda: {"name": name, "id": 7})

    def printRecord(record):
        print(f"  part 2: record {text(record)} after waiting")

    d.addCallback(fetchRecord)
    d.addCallback(printRecord)
    d.callback("ada")


def gatherTwo():
    """Part 3: two results gathered into one."""
    fast = task.deferLater(reactor, 1, lambda: "fast")
    slow = task.deferLater(reactor, 2, lambda: "slow")
    both = DeferredList([fast, slow])

    def printBoth(pairs):
        print(f"  part 3: {text([list(pair) for pair in pairs])}")

    both.addCallback(printBoth)


async def lookupUser(name):
    """Part 4: part 2 again, written as a coroutine."""
    record = await task.deferLater(reactor, 1, lambda: {"name": name, "id": 8})
    print(f"  part 4: record {text(record)} after await")
    return record["id"]


def main():
    plainChain()
    waitOnInner()
    gatherTwo()
    coroutine = Deferred.fromCoroutine(lookupUser("grace"))

    def printId(id):
        print(f"  part 4: the coroutine returned {id}")

    coroutine.addCallback(printId)
    reactor.callLater(3, reactor.stop)
    reactor.run()


if __name__ == "__main__":
    main()
