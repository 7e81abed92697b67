"""Lesson 03's program, the way a Twisted user writes it: the twin of program.cpp.

The article's echo server (section 2.2.3: EchoProtocol writes back whatever it receives, a
factory builds one per connection, listenTCP puts it on a port) and, in the same program, a client
that sends two messages, one at a time, checks each echo and closes. The server stops the port
and the reactor when its connection has ended, as program.cpp's does.

Run it under the tracer, with logical time, to get the trace the lesson compares with ours:
    build/bin/reactorlab-twisted run --clock manual --trace build/traces/03-twisted.jsonl \\
        lessons/03-echo-server/program.py
Read: lessons/03-echo-server/lesson.md, "Real Twisted, side by side".
"""

from twisted.internet import reactor
from twisted.internet.protocol import ClientFactory, Factory, Protocol


class EchoProtocol(Protocol):
    """The server side, as in the article: echo every byte back."""

    def dataReceived(self, data):
        self.transport.write(data)

    def connectionLost(self, reason):
        print(f"server: connection ended ({reason.getErrorMessage()})")
        self.factory.whenConnectionLost()


class EchoFactory(Factory):
    protocol = EchoProtocol


class EchoClient(Protocol):
    """Send a message, wait for all of it to come back, send the next; then close."""

    messages = [b"hello\n", b"reactor\n"]

    def connectionMade(self):
        self.next = 0
        self.echoed = b""
        self.sendNext()

    def sendNext(self):
        self.transport.write(self.messages[self.next])
        self.next += 1

    def dataReceived(self, data):
        self.echoed += data  # an echo may come back in pieces: collect until it is whole
        sent = self.messages[self.next - 1]
        if len(self.echoed) < len(sent):
            return
        print(f"client: echoed {'intact' if self.echoed == sent else 'CORRUPTED'}: {self.echoed[:-1].decode()}")
        self.echoed = b""
        if self.next < len(self.messages):
            self.sendNext()
        else:
            self.transport.loseConnection()

    def connectionLost(self, reason):
        print(f"client: connection ended ({reason.getErrorMessage()})")


class EchoClientFactory(ClientFactory):
    protocol = EchoClient

    def clientConnectionFailed(self, connector, reason):
        print(f"the client could not connect: {reason.getErrorMessage()}")
        reactor.stop()


def main():
    factory = EchoFactory()
    port = reactor.listenTCP(0, factory, interface="127.0.0.1")  # 0: any free port (not in the trace)

    def whenConnectionLost():  # this lesson's server serves one client
        port.stopListening()
        reactor.stop()

    factory.whenConnectionLost = whenConnectionLost
    print(f"server: listening on 127.0.0.1:{port.getHost().port}")
    reactor.connectTCP("127.0.0.1", port.getHost().port, EchoClientFactory())
    reactor.run()


if __name__ == "__main__":
    main()
