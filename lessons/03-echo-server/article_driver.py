"""Drives the article's echo server (article_echo_server.py, section 2.2.3, unchanged) so that its
run can be traced and replayed: a client talks to it, and the run stops by itself.

The article's server listens on port 1234 and runs forever. Given to the tracer with --driver,
this file runs first, in the same process, with the tracing reactor installed:
  - it wraps reactor.listenTCP so that the server gets any free port on 127.0.0.1 instead of
    1234 (a test must not depend on, or collide over, a fixed port; the trace never names port
    numbers anyway), and, once the server listens, connects the client to it;
  - the client sends two lines, one at a time, waits for each echo, and closes;
  - a second after its connection ended (time enough for the server to read the close, and under
    --clock manual no real time at all), it stops the reactor.
The article's file is not touched; the only thing changed is the port number it asked for.

    build/bin/reactorlab-twisted run --clock manual --trace build/traces/03-article.jsonl \\
        --driver lessons/03-echo-server/article_driver.py lessons/03-echo-server/article_echo_server.py
Read: lessons/03-echo-server/lesson.md, "The article's own server, under the tracer".
"""

from twisted.internet import reactor
from twisted.internet.protocol import ClientFactory, Protocol

MESSAGES = [b"hello\n", b"reactor\n"]


class Client(Protocol):
    def connectionMade(self):
        self.sent = 0
        self.echoed = b""
        self.sendNext()

    def sendNext(self):
        self.transport.write(MESSAGES[self.sent])
        self.sent += 1

    def dataReceived(self, data):
        self.echoed += data
        if len(self.echoed) < len(MESSAGES[self.sent - 1]):
            return
        print(f"client: echoed {'intact' if self.echoed == MESSAGES[self.sent - 1] else 'CORRUPTED'}: "
              f"{self.echoed[:-1].decode()}")
        self.echoed = b""
        if self.sent < len(MESSAGES):
            self.sendNext()
        else:
            self.transport.loseConnection()

    def connectionLost(self, reason):
        print(f"client: connection ended ({reason.getErrorMessage()})")
        reactor.callLater(1, reactor.stop)


class Clients(ClientFactory):
    protocol = Client

    def clientConnectionFailed(self, connector, reason):
        print(f"client: could not connect ({reason.getErrorMessage()})")
        reactor.stop()


_listenTCP = reactor.listenTCP


def listenOnAnyFreePort(port, factory, backlog=50, interface=""):
    listening = _listenTCP(0, factory, backlog, "127.0.0.1")
    reactor.connectTCP("127.0.0.1", listening.getHost().port, Clients())
    return listening


reactor.listenTCP = listenOnAnyFreePort
