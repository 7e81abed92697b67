"""Lesson 08's program, the way a Twisted user writes it: the twin of program.cpp.

A twisted.web Site with two resources: GET /hello answers at once; GET /report answers through a
Deferred that fires 100 ms later (render_GET returns NOT_DONE_YET and the Deferred's callback
writes the response and finishes the request). A client in the same program (twisted.web's Agent
and readBody) asks for one, then the other, prints each answer, and stops the reactor 10 ms
after the last, as program.cpp's does.

The Agent is given an endpoint factory that connects straight to the URL's address with
TCP4ClientEndpoint (reactor.connectTCP), as our httpGet connects to a dotted quad. Agent(reactor)
would use a HostnameEndpoint, which resolves even "127.0.0.1" with getaddrinfo in a thread and
races its connection attempts on a 0.3 s LoopingCall, and whose Deferreds fire with the port
number, which a trace must not hold.

Run it under the tracer, with logical time, to get the trace the lesson compares with ours:
    build/bin/reactorlab-twisted run --clock manual --trace build/traces/08-twisted.jsonl \\
        lessons/08-http-server/program.py
Read: lessons/08-http-server/lesson.md, "Real Twisted, side by side".
"""

import json
import warnings

from twisted.internet import reactor, task
from twisted.internet.endpoints import TCP4ClientEndpoint
from twisted.web.client import Agent, readBody
from twisted.web.resource import Resource
from twisted.web.server import NOT_DONE_YET, Site


class Hello(Resource):
    """Answered now: render_GET returns the body."""

    isLeaf = True

    def render_GET(self, request):
        request.setHeader(b"content-type", b"text/plain; charset=utf-8")
        return b"hello from the reactor"


def visitorCount():
    """What /report waits 100 ms for: its body, JSON written as ours writes it (no spaces)."""
    return json.dumps({"visitors": 3}, separators=(",", ":")).encode() + b"\n"


class Report(Resource):
    """Answered later: render_GET returns NOT_DONE_YET, and the Deferred finishes the request."""

    isLeaf = True

    def render_GET(self, request):
        def respond(body):
            request.setHeader(b"content-type", b"application/json")
            request.write(body)
            request.finish()

        d = task.deferLater(reactor, 0.1, visitorCount)
        d.addCallback(respond)
        return NOT_DONE_YET


class DirectEndpoints:
    """Agent's IAgentEndpointFactory: connect to the URL's host and port as given."""

    def endpointForURI(self, uri):
        return TCP4ClientEndpoint(reactor, uri.host.decode(), uri.port)


def getEach(agent, base, paths):
    """GET the first path, print the answer, then the rest; stop 10 ms after the last."""
    if not paths:
        reactor.callLater(0.01, reactor.stop)
        return
    path = paths[0]

    def readTheBody(response):
        def withStatus(body):
            return response.code, body

        return readBody(response).addCallback(withStatus)

    def printTheAnswer(answer):
        status, body = answer
        print(f"  GET {path} -> {status} {body.decode()}")
        getEach(agent, base, paths[1:])

    d = agent.request(b"GET", base + path.encode())
    d.addCallback(readTheBody)
    d.addCallback(printTheAnswer)


def main():
    root = Resource()
    root.putChild(b"hello", Hello())
    root.putChild(b"report", Report())
    # Port 0: any free port (port numbers are not in the trace). Site's idle timeout is 60 s, as ours.
    port = reactor.listenTCP(0, Site(root), interface="127.0.0.1")
    # Twisted 22.4's readBody warns about its own client's transport (it has no abortConnection).
    warnings.filterwarnings("ignore", "Using readBody with a transport", DeprecationWarning)
    agent = Agent.usingEndpointFactory(reactor, DirectEndpoints())
    getEach(agent, f"http://127.0.0.1:{port.getHost().port}".encode(), ["/hello", "/report"])
    reactor.run()


if __name__ == "__main__":
    main()
