"""Lesson 04's program, the way a Twisted user writes it: the twin of program.cpp's reactor side.

The echo server of lesson 03 learns one command: "primes N" counts the primes below N, which
takes the CPU for a while, so the server hands it to the reactor's thread pool with
threads.deferToThread and goes on echoing; the count comes back as a Deferred fired on the
reactor thread, whose callback writes the answer. The client sends the command and, at once,
"hello"; then "reactor" after hello's echo; the answer comes last, and the client closes. The
server stops the port and the reactor when its connection has ended, as program.cpp's does.

Run it under the tracer, with logical time, to get the trace the lesson compares with ours:
    build/bin/reactorlab-twisted run --clock manual --trace build/traces/04-twisted.jsonl \\
        lessons/04-sync-vs-reactor/program.py
Read: lessons/04-sync-vs-reactor/lesson.md, "The bridge: deferToThread".
"""

from twisted.internet import reactor, threads
from twisted.internet.protocol import ClientFactory, Factory
from twisted.protocols.basic import LineReceiver


def countPrimesBelow(n):
    """The CPU-bound job, by trial division as primes.h does it. Slow on purpose."""
    count = 0
    for candidate in range(2, n):
        divisor = 2
        while divisor * divisor <= candidate and candidate % divisor:
            divisor += 1
        if divisor * divisor > candidate:
            count += 1
    return count


class EchoPrimes(LineReceiver):
    """Echo every line, except "primes N", which goes to a thread."""

    delimiter = b"\n"

    def lineReceived(self, line):
        if not line.startswith(b"primes "):
            self.sendLine(line)  # the echo: served at once, even while a job runs
            return
        n = int(line[7:])

        def writeTheAnswer(count):
            self.sendLine(f"primes below {n}: {count}".encode())

        # Not countPrimesBelow(n) here: that would block every client until it returned.
        threads.deferToThread(countPrimesBelow, n).addCallback(writeTheAnswer)

    def connectionLost(self, reason):
        print(f"server: connection ended ({reason.getErrorMessage()})")
        self.factory.whenConnectionLost()


class EchoPrimesFactory(Factory):
    protocol = EchoPrimes


class Client(LineReceiver):
    """The long command, then quick lines that are echoed while the job runs."""

    delimiter = b"\n"

    def connectionMade(self):
        self.transport.write(b"primes 300000\nhello\n")

    def lineReceived(self, line):
        print(f'client: got "{line.decode()}"')
        if line == b"hello":
            self.sendLine(b"reactor")
        elif line.startswith(b"primes below"):
            self.transport.loseConnection()


class PrimesClientFactory(ClientFactory):
    protocol = Client

    def clientConnectionFailed(self, connector, reason):
        print(f"the client could not connect: {reason.getErrorMessage()}")
        reactor.stop()


def main():
    factory = EchoPrimesFactory()
    port = reactor.listenTCP(0, factory, interface="127.0.0.1")  # 0: any free port (not in the trace)

    def whenConnectionLost():  # this lesson's server serves one client
        port.stopListening()
        reactor.stop()

    factory.whenConnectionLost = whenConnectionLost
    reactor.connectTCP("127.0.0.1", port.getHost().port, PrimesClientFactory())
    reactor.run()


if __name__ == "__main__":
    main()
