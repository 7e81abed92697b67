"""Lesson 00's program, the way a Twisted user writes it: the twin of program.cpp and quote_server.h.

The quote server: a LineReceiver that answers each line (a topic) with a quote from a slow
service, which answers through a Deferred 100 ms later (task.deferLater); the Deferred's
callback sends the quote, its errback says sorry. In the same program a client asks about one
topic ("reactor"), prints the answer and closes; when the server's connection has ended, the
server stops listening and stops the reactor, as program.cpp's does.

Run it under the tracer, with logical time, to get the trace the lesson compares with ours:
    build/bin/reactorlab-twisted run --clock manual --trace build/traces/00-twisted.jsonl \\
        lessons/00-architecture/program.py
Read: lessons/00-architecture/lesson.md, "Real Twisted, side by side".
"""

from twisted.internet import reactor, task
from twisted.internet.protocol import ClientFactory, Factory
from twisted.protocols.basic import LineReceiver

QUOTES = {
    "reactor": "Don't call us, we'll call you.",
    "deferred": "A result that is not there yet.",
}


def lookupQuote(topic):
    """The "slow service" behind the server: the answer is ready 100 ms later, as a Deferred."""

    def find():
        if topic not in QUOTES:
            raise ValueError(f"no quote about '{topic}'")
        return QUOTES[topic]

    return task.deferLater(reactor, 0.1, find)


class QuoteProtocol(LineReceiver):
    """One line in, one Deferred, one line out."""

    def lineReceived(self, line):
        def sendQuote(quote):
            self.sendLine(quote.encode())

        def sendError(failure):
            self.sendLine(f"sorry: {failure.getErrorMessage()}".encode())

        answer = lookupQuote(line.decode())
        answer.addCallback(sendQuote)
        answer.addErrback(sendError)

    def connectionLost(self, reason):
        self.factory.whenLost()


class QuoteFactory(Factory):
    protocol = QuoteProtocol


class AskOnce(LineReceiver):
    """The client: ask about one topic, print the answer, close."""

    def connectionMade(self):
        self.sendLine(b"reactor")

    def lineReceived(self, line):
        print(f'client: the server says "{line.decode()}"')
        self.transport.loseConnection()


class AskOnceFactory(ClientFactory):
    protocol = AskOnce

    def clientConnectionFailed(self, connector, reason):
        print(f"the client could not connect: {reason.getErrorMessage()}")
        reactor.stop()


def main():
    factory = QuoteFactory()
    port = reactor.listenTCP(0, factory, interface="127.0.0.1")  # 0: any free port (not in the trace)

    def whenLost():  # this lesson's server serves one client
        port.stopListening()
        reactor.stop()

    factory.whenLost = whenLost
    reactor.connectTCP("127.0.0.1", port.getHost().port, AskOnceFactory())
    reactor.run()


if __name__ == "__main__":
    main()
