"""Lesson 07's program, the way a Twisted user writes it: the twin of program.cpp.

Part 1: a callback raises; the next callback is skipped; an errback recovers with a default.
Part 2: trap() handles only what it names; anything else goes on down the errback side.
Part 3: a Deferred whose chain ends in a Failure and that nobody keeps: reported when collected.
A timer stops the reactor at 3 s, as program.cpp's does.

Run it under the tracer, with logical time, to get the trace the lesson compares with ours:
    build/bin/reactorlab-twisted run --clock manual --trace build/traces/07-twisted.jsonl \\
        lessons/07-errors/program.py
Read: lessons/07-errors/lesson.md, "Real Twisted, side by side".
"""

from twisted.internet import reactor, task
from twisted.internet.defer import Deferred


class NotFound(Exception):
    pass


def parseConfig(text):
    if not text:
        raise NotFound("config file is empty")
    return text


def useConfig(config):
    return "parsed"


def fallBackToDefaults(failure):
    failure.trap(NotFound)
    print(f"  part 1: {failure.type.__name__}: {failure.getErrorMessage()} -> using defaults")
    return "defaults"


def printResult(value):
    print(f"  part 1: the chain ends with {value!r}")


def recoverWithDefault():
    d = Deferred()
    d.addCallback(parseConfig)
    d.addCallback(useConfig)
    d.addErrback(fallBackToDefaults)
    d.addCallback(printResult)
    d.callback("")


def diskOnFire():
    raise OSError("disk on fire")


def handleNotFoundOnly(failure):
    failure.trap(NotFound)
    return "not reached"


def handleAnything(failure):
    print(f"  part 2: the second errback got {failure.type.__name__}: {failure.getErrorMessage()}")


def trapLetsOthersThrough():
    d = task.deferLater(reactor, 1, diskOnFire)
    d.addErrback(handleNotFoundOnly)
    d.addErrback(handleAnything)


def nobodyListened():
    raise RuntimeError("nobody listened")


def onlyACallback(value):
    print("  part 3: not reached")


def forgetAFailure():
    d = task.deferLater(reactor, 2, nobodyListened)
    d.addCallback(onlyACallback)
    # d goes out of scope here, but the DelayedCall still holds it (its func is d.callback).


def main():
    recoverWithDefault()
    trapLetsOthersThrough()
    forgetAFailure()
    reactor.callLater(3, reactor.stop)
    print("  (part 3's report goes to stderr)")
    reactor.run()


if __name__ == "__main__":
    main()
