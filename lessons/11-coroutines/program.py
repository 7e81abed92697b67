"""Lesson 11's program, the way a Twisted user writes it: the twin of program.cpp.

One small client written twice: as a chain of callbacks and errbacks, and as an inlineCallbacks
generator that yields each Deferred. Both look up a user id in a cache, fetch a name and a score,
give up on a slow badge after a timeout, and combine the answers; the program checks that both
arrive at the same card. The "server" is deferLater (name and score 1 s, badge 5 s): no network.
The generator version starts at 10 s, and a timer stops the reactor at 20 s, as program.cpp's do.
With --async-def, version 2 runs as an async def coroutine started by ensureDeferred instead.

Run it under the tracer, with logical time, to get the trace the lesson compares with ours:
    build/bin/reactorlab-twisted run --clock manual --trace build/traces/11-twisted.jsonl \\
        lessons/11-coroutines/program.py
Read: lessons/11-coroutines/lesson.md, "Real Twisted, side by side".
"""

import sys

from twisted.internet import defer, reactor, task


def millis():
    return round(reactor.seconds() * 1000)


def lookupCache():
    """The local cache already knows the user's id: a Deferred that has fired before anyone asks."""
    return defer.succeed(7)


def fetch(key, userId):
    """The simulated server. Each key answers after its latency; the badge service is slow (5 s)."""
    if key == "name":
        return task.deferLater(reactor, 1, lambda: "ada" if userId == 7 else "?")
    if key == "score":
        return task.deferLater(reactor, 1, lambda: 41)
    return task.deferLater(reactor, 5, lambda: "gold")


def describe(name, score, badge):
    return f"{name}: {score} points, badge: {badge}"


def profileWithCallbacks():
    """Version 1: a chain of callbacks. What one callback learns and a later one needs lives in
    `card`, outside them all."""
    card = {}

    def fetchName(userId):
        card["id"] = userId
        return fetch("name", userId)

    def fetchScore(name):
        card["name"] = name
        return fetch("score", card["id"])

    def fetchBadge(score):
        card["score"] = score
        badge = fetch("badge", card["id"])
        badge.addTimeout(2, reactor)

        def noBadgeInTime(failure):  # on the badge's own chain: only the badge's failure
            failure.trap(defer.TimeoutError)
            error = f"{failure.type.__name__}: {failure.getErrorMessage()}"
            print(f"  t={millis()}ms callbacks: {error} -> no badge")
            return "none"

        badge.addErrback(noBadgeInTime)
        return badge

    def combine(badge):
        return describe(card["name"], card["score"], badge)

    d = lookupCache()
    d.addCallback(fetchName)
    d.addCallback(fetchScore)
    d.addCallback(fetchBadge)
    d.addCallback(combine)
    return d


@defer.inlineCallbacks
def profileAsCoroutine():
    """Version 2: the same client as a generator. The locals live in the generator's frame
    across every yield."""
    userId = yield lookupCache()
    name = yield fetch("name", userId)
    score = yield fetch("score", userId)
    try:
        badgeFetch = fetch("badge", userId)
        badgeFetch.addTimeout(2, reactor)
        badge = yield badgeFetch
    except defer.TimeoutError as e:
        print(f"  t={millis()}ms coroutine: {type(e).__name__}: {e} -> no badge")
        badge = "none"
    return describe(name, score, badge)


async def profileAsAsyncDef():
    """Version 2 once more, as async def: run with --async-def to trace this one instead (lesson.md,
    "Real Twisted, side by side", says what changes: awaiting a fired Deferred adds no pair)."""
    userId = await lookupCache()
    name = await fetch("name", userId)
    score = await fetch("score", userId)
    try:
        badgeFetch = fetch("badge", userId)
        badgeFetch.addTimeout(2, reactor)
        badge = await badgeFetch
    except defer.TimeoutError as e:
        print(f"  t={millis()}ms coroutine: {type(e).__name__}: {e} -> no badge")
        badge = "none"
    return describe(name, score, badge)


def main():
    cards = {}

    def keep(version):
        def keepTheResult(card):
            cards[version] = card
            print(f"  t={millis()}ms {version}: {card!r}")

        return keepTheResult

    profileWithCallbacks().addCallback(keep("callbacks"))

    def startTheCoroutine():  # version 2 starts at 10 s, apart from the first in the trace
        if "--async-def" in sys.argv[1:]:
            started = defer.ensureDeferred(profileAsAsyncDef())  # a coroutine needs ensureDeferred to start
        else:
            started = profileAsCoroutine()
        started.addCallback(keep("coroutine"))

    reactor.callLater(10, startTheCoroutine)
    reactor.callLater(20, reactor.stop)
    reactor.run()
    if "callbacks" not in cards or cards.get("callbacks") != cards.get("coroutine"):
        print(f"{sys.argv[0]}: the two versions disagree: {cards}", file=sys.stderr)
        return 1
    print(f"  both versions agree: {cards['callbacks']!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
