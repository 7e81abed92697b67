"""Lesson 09's program, the way a Twisted user writes it: the twin of program.cpp.

A twisted.web Site with one resource, GET /events, that answers with a text/event-stream held
open: render_GET writes the first lines and returns NOT_DONE_YET, and the resource keeps the
request in its list of subscribers until notifyFinish says the connection is gone. Three
clients in the same program (alice, bob and carol) subscribe; at 1 s and 2 s the server
broadcasts one event; at 3 s the clients hang up and the reactor stops 10 ms later, as
program.cpp's does (lessons/09-real-time/event_source.h).

The clients are plain Protocols, as the C++ program's EventSourceClient is: a browser's
EventSource reduced to its core, which writes the request and prints every "data:" line. An
Agent would not do: readBody waits for a body that never ends, and Agent fires at the head.

Run it under the tracer, with logical time, to get the trace the lesson compares with ours:
    build/bin/reactorlab-twisted run --clock manual --trace build/traces/09-twisted.jsonl \\
        lessons/09-real-time/program.py
Read: lessons/09-real-time/lesson.md, "Real Twisted, side by side".
"""

from twisted.internet import reactor
from twisted.internet.protocol import ClientFactory, Protocol
from twisted.web.resource import Resource
from twisted.web.server import NOT_DONE_YET, Site

KEEP_ALIVE_SECONDS = 15  # a comment line while anyone listens, so proxies keep a quiet stream


def formatEvent(data, id):
    """One event on the wire: its id, one data line per line of data, and the blank line."""
    lines = "".join(f"data: {line}\n" for line in data.split("\n"))
    return f"id: {id}\n{lines}\n".encode()


class Events(Resource):
    """GET /events: a response that does not end, and the list of everyone listening."""

    isLeaf = True

    def __init__(self):
        super().__init__()
        self.clients = []
        self.nextId = 1
        self.keepAlive = None

    def render_GET(self, request):
        request.setHeader(b"content-type", b"text/event-stream")
        request.setHeader(b"cache-control", b"no-cache")
        # How long a browser waits before reconnecting, and a comment that opens the stream now.
        request.write(b"retry: 2000\n: connected\n\n")
        self.clients.append(request)
        request.notifyFinish().addBoth(self.forget, request)
        if self.keepAlive is None or not self.keepAlive.active():
            self.keepAlive = reactor.callLater(KEEP_ALIVE_SECONDS, self.sendKeepAlive)
        return NOT_DONE_YET

    def forget(self, result, request):
        self.clients.remove(request)
        if not self.clients and self.keepAlive is not None and self.keepAlive.active():
            self.keepAlive.cancel()

    def broadcast(self, data):
        wire = formatEvent(data, self.nextId)
        self.nextId += 1
        for request in list(self.clients):
            request.write(wire)
        return len(self.clients)

    def sendKeepAlive(self):
        for request in list(self.clients):
            request.write(b": keep-alive\n\n")
        if self.clients:
            self.keepAlive = reactor.callLater(KEEP_ALIVE_SECONDS, self.sendKeepAlive)


class EventSourceClient(Protocol):
    """Send the request, then print every data line as the stream delivers it."""

    def __init__(self, name):
        self.name = name
        self.pending = b""  # bytes after the last complete line

    def connectionMade(self):
        self.transport.write(b"GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")

    def dataReceived(self, data):
        self.pending += data
        *lines, self.pending = self.pending.split(b"\n")
        for line in lines:
            if line.startswith(b"data: "):
                print(f"  {self.name} got: {line[6:].decode()}")


class EventSourceFactory(ClientFactory):
    def __init__(self, name):
        self.name = name

    def buildProtocol(self, addr):
        return EventSourceClient(self.name)


def main():
    events = Events()
    root = Resource()
    root.putChild(b"events", events)
    port = reactor.listenTCP(0, Site(root), interface="127.0.0.1")  # 0: any free port (not in the trace)
    clients = []

    def broadcast(data):
        print(f"server: broadcast to {events.broadcast(data)} clients")

    def hangUp():
        for connector in clients:
            connector.disconnect()
        reactor.callLater(0.01, reactor.stop)

    # The timers before the clients, where program.cpp has them after: each connectTCP schedules
    # its connect with callLater(0), and Twisted's heap, which orders on the due time alone, would
    # run those three equal deadlines as alice, carol, bob behind them (lesson.md, "Real Twisted,
    # side by side": connects-in-order).
    reactor.callLater(1, broadcast, "the kettle is on")
    reactor.callLater(2, broadcast, "tea is ready")
    reactor.callLater(3, hangUp)
    for name in ("alice", "bob", "carol"):
        clients.append(reactor.connectTCP("127.0.0.1", port.getHost().port, EventSourceFactory(name)))
    reactor.run()


if __name__ == "__main__":
    main()
