"""Lesson 06's program, the way a Twisted user writes it: the twin of program.cpp.

A heartbeat every second (task.LoopingCall.withCount: the function gets the number of intervals
since it last ran), a slow call at 2.2 s that blocks the loop for 2.5 s, a result three seconds
later (task.deferLater), and addTimeout: a quick answer in time, a stuck request too late. At 6 s
a timer stops the heartbeat and the reactor.

The slow call: program.cpp runs on a ManualClock, so its 2.5 s of work is the clock moved by
hand. Here the same holds under the tracer's `--clock manual`: the work is the tracer's logical
clock moved by 2.5 s (`reactor._labClock`, the tracer's own; twisted-tracer/README.md). Run
without the tracer, the work is a real time.sleep(2.5).

Run it under the tracer, with logical time, to get the trace the lesson compares with ours:
    build/bin/reactorlab-twisted run --clock manual --trace build/traces/06-twisted.jsonl \\
        lessons/06-time/program.py
Read: lessons/06-time/lesson.md, "Real Twisted, side by side".
"""

import time

from twisted.internet import reactor, task
from twisted.internet.defer import Deferred

START = reactor.seconds()  # 0 under the tracer's manual clock; wall-clock time when run plainly


def ms():
    return round((reactor.seconds() - START) * 1000)


def work(seconds):
    """Block the loop for `seconds`: logical time under the tracer's manual clock, else real."""
    clock = getattr(reactor, "_labClock", None)
    if clock is not None and not clock.waitsForReal:
        clock.advanceTo(clock.seconds() + seconds)
    else:
        time.sleep(seconds)


def main():
    # A heartbeat every second; it prints how many beats passed since the last one it saw.
    def beat(count):
        print(f"  t={ms()}ms heartbeat, intervals since last: {count}")

    heartbeat = task.LoopingCall.withCount(beat)
    beats = heartbeat.start(1)

    def heartbeatDone(loopingCall):
        print("  heartbeat stopped")

    beats.addCallback(heartbeatDone)

    # At 2.2 s a slow call blocks the loop for 2.5 s.
    def slowCall():
        print(f"  t={ms()}ms slow call starts (2.5s of work)")
        work(2.5)

    reactor.callLater(2.2, slowCall)

    # deferLater: a result in 3 seconds.
    later = task.deferLater(reactor, 3, lambda: "three seconds later")

    def printIt(value):
        print(f"  t={ms()}ms {value}")

    later.addCallback(printIt)

    # addTimeout: one answer arrives in time, the other does not.
    quick = task.deferLater(reactor, 1, lambda: "quick answer")
    quick.addTimeout(2, reactor)
    stuck = Deferred()
    stuck.addTimeout(2, reactor)

    def reportTimeout(failure):
        print(f"  t={ms()}ms stuck request: {failure.type.__name__}: {failure.getErrorMessage()}")

    stuck.addErrback(reportTimeout)

    def end():
        heartbeat.stop()
        reactor.stop()

    reactor.callLater(6, end)
    reactor.run()


if __name__ == "__main__":
    main()
