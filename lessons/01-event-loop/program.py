"""Lesson 01's part 2, the way a Twisted user writes it: the twin of program.cpp's reactorEventLoop.

Five timers on the reactor: A at 1 s, B and C both at 2 s (B scheduled first), D at 3 s and
cancelled at once, E at 4 s, the last event. Part 1 of program.cpp (the bare `while` loop over a
queue) has no Twisted counterpart and no trace, so it is not here. A Twisted user does not turn
the loop by hand (program.cpp's `while (!done) reactor.runOnce();`): reactor.run() turns it, and
E, the last event, calls reactor.stop().

Run it under the tracer, with logical time, to get the trace the lesson compares with ours:
    build/bin/reactorlab-twisted run --clock manual --trace build/traces/01-twisted.jsonl \\
        lessons/01-event-loop/program.py
Read: lessons/01-event-loop/lesson.md, "Real Twisted, side by side".
"""

from twisted.internet import reactor

START = reactor.seconds()  # 0 under the tracer's manual clock; wall-clock time when run plainly


def say(what):
    print(f"  t={round((reactor.seconds() - START) * 1000)}ms  {what}")


def lastEvent():
    say("timer E fired: that was the last event")
    reactor.stop()


def main():
    print("Part 2: the reactor's loop (Twisted)")
    reactor.callLater(1, say, "timer A fired")
    reactor.callLater(2, say, "timer B fired (due at 2s, scheduled first)")
    reactor.callLater(2, say, "timer C fired (due at 2s, scheduled second)")
    never = reactor.callLater(3, say, "timer D fired (it should not: it was cancelled)")
    never.cancel()
    reactor.callLater(4, lastEvent)
    reactor.run()


if __name__ == "__main__":
    main()
