"""Lesson 02's program, the way a Twisted user writes it: the twin of program.cpp.

Two handlers, each owning one end of a socketpair, are registered with the reactor for reading
(reactor.addReader: a handler is anything with fileno, doRead, connectionLost and logPrefix,
Twisted's IReadDescriptor). Timers play the outside world: they write lines into the other ends
and finally close them. On end of input a handler removes itself, and when both are done the
last one stops the reactor, as line_reader.h's LineReader does.

The two handlers are two small classes, ChatReader and LogReader, because the tracer names a
handler by its class (ours by its logPrefix); each also says its name in logPrefix, which is
what Twisted's own log messages use.

Run it under the tracer, with logical time, to get the trace the lesson compares with ours:
    build/bin/reactorlab-twisted run --clock manual --trace build/traces/02-twisted.jsonl \\
        lessons/02-reactor-pattern/program.py
Read: lessons/02-reactor-pattern/lesson.md, "Real Twisted, side by side".
"""

import socket

from zope.interface import implementer

from twisted.internet import reactor
from twisted.internet.interfaces import IReadDescriptor


@implementer(IReadDescriptor)
class LineReader:
    """An event handler: reads what is there, prints each complete line, and on end of input
    unregisters itself and tells whoever owns it."""

    def __init__(self, sock, onClosed):
        self.sock = sock
        self.onClosed = onClosed
        self.pending = b""  # bytes of a line whose end has not arrived yet

    def fileno(self):
        return self.sock.fileno()

    def logPrefix(self):
        return type(self).__name__

    def doRead(self):
        data = self.sock.recv(512)
        if not data:
            print(f"  [{self.logPrefix()}] end of input")
            reactor.removeReader(self)
            self.sock.close()
            self.onClosed()
            return
        self.pending += data
        while b"\n" in self.pending:
            line, self.pending = self.pending.split(b"\n", 1)
            print(f"  [{self.logPrefix()}] line: {line.decode()}")

    def connectionLost(self, reason):
        print(f"  [{self.logPrefix()}] lost: {reason.getErrorMessage()}")


class ChatReader(LineReader):
    pass


class LogReader(LineReader):
    pass


def main():
    print("The Reactor pattern on Twisted's reactor")
    chatInside, chatOutside = socket.socketpair()
    logInside, logOutside = socket.socketpair()
    open = [2]

    def closed():
        open[0] -= 1
        if open[0] == 0:
            reactor.stop()  # both handlers saw end of input: we are done

    # Register the handlers: from now on the reactor demultiplexes readiness to them.
    reactor.addReader(ChatReader(chatInside, closed))
    reactor.addReader(LogReader(logInside, closed))

    def bothAtOnce():
        chatOutside.send(b"how are you?\n")
        logOutside.send(b"user joined\n")  # both descriptors are ready in the same turn

    def closeBoth():
        chatOutside.close()
        logOutside.close()

    # The outside world, on a timetable.
    reactor.callLater(1, chatOutside.send, b"hello\n")
    reactor.callLater(2, bothAtOnce)
    reactor.callLater(3, chatOutside.send, b"part of a line...")
    reactor.callLater(4, chatOutside.send, b" and its end\n")
    reactor.callLater(5, closeBoth)
    reactor.run()


if __name__ == "__main__":
    main()
