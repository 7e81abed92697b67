"""Your playground: a Twisted program of your own.

    ./scripts/run --play THIS_FILE   runs it under the Twisted tracer (twisted-tracer/README.md)
                                     with logical time, and opens its replay.

Under --clock manual, when nothing is ready time jumps to the next timer, so every run writes
the same trace. Change anything and run it again; the reactor must be told to stop (here the
last timer does it).
"""

from twisted.internet import reactor, task


def one_second():
    print("timer: one second in")


def print_answer(x):
    print("Deferred: the answer is", x)


def stop():
    print("timer: three seconds, stopping the reactor")
    reactor.stop()


reactor.callLater(1, one_second)
task.deferLater(reactor, 2, lambda: 42).addCallback(print_answer)
reactor.callLater(3, stop)
reactor.run()
