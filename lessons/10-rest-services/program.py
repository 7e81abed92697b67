"""Lesson 10's program, the way a Twisted user writes it: the twin of program.cpp and services.h.

Three twisted.web Sites on one reactor. users answers GET /users/{id} at once (500 for user 9,
whose database is down); orders answers GET /orders/{id} after 200 ms, or after 3 s for user 8
(render_GET returns NOT_DONE_YET and a deferLater finishes the request); the gateway answers
GET /profile/{id} by asking both through an Agent, each call with addTimeout(1 s), and combines
the two answers with gatherResults: 200 when both answer, 504 when a call timed out, 502 when a
backend failed. A caller in the same program asks the gateway for profiles 7, 8 and 9, one after
the other, prints each answer, and stops the reactor 3 s after the last, as program.cpp's does.

As in lesson 08, the Agents connect straight to the URL's address (TCP4ClientEndpoint), and
readBody reads each body.

Two things a Twisted user meets here that program.cpp does not (lesson.md, "Real Twisted, side
by side"): addTimeout on an Agent's request does not fail with TimeoutError, since the request's
own canceller answers the cancel first, with ResponseNeverReceived([CancelledError]); and
the listening ports are closed by the program, in a fixed order, before it stops the reactor:
left to the reactor's shutdown they close in an order that changes from run to run.

Run it under the tracer, with logical time, to get the trace the lesson compares with ours:
    build/bin/reactorlab-twisted run --clock manual --trace build/traces/10-twisted.jsonl \\
        lessons/10-rest-services/program.py
Read: lessons/10-rest-services/lesson.md, "Real Twisted, side by side".
"""

import json
import warnings

from twisted.internet import defer, reactor, task
from twisted.internet.endpoints import TCP4ClientEndpoint
from twisted.web.client import Agent, ResponseNeverReceived, readBody
from twisted.web.resource import Resource
from twisted.web.server import NOT_DONE_YET, Site

TIMEOUT_SECONDS = 1  # each call from the gateway to a backend


class BackendError(Exception):
    """A backend answered, but not with what we asked for (a 500, say)."""


def jsonBody(value):
    """A JSON body written as ours writes it: sorted keys, no spaces, a newline."""
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode() + b"\n"


def answerJson(request, status, value):
    request.setResponseCode(status)
    request.setHeader(b"content-type", b"application/json")
    return jsonBody(value)


class Users(Resource):
    """GET /users/{id}: answered now."""

    isLeaf = True

    def render_GET(self, request):
        id = request.postpath[0].decode()
        if id == "9":
            return answerJson(request, 500, {"error": "users database is down"})
        return answerJson(request, 200, {"id": int(id), "name": "Ada" if id == "7" else "Grace"})


class Orders(Resource):
    """GET /orders/{id}: answered later, by a deferLater; user 8's orders take 3 s."""

    isLeaf = True

    def render_GET(self, request):
        id = request.postpath[0].decode()
        gone = []
        # A caller that gave up has closed the connection; the work goes on, the answer has
        # nowhere to go (Request.finish would raise after the connection is lost).
        request.notifyFinish().addErrback(gone.append)

        def respond(body):
            if gone:
                return
            request.write(answerJson(request, 200, body))
            request.finish()

        d = task.deferLater(reactor, 3 if id == "8" else 0.2, lambda: ["tea", "scones"])
        d.addCallback(respond)
        return NOT_DONE_YET


class DirectEndpoints:
    """Agent's IAgentEndpointFactory: connect to the URL's host and port as given (lesson 08)."""

    def endpointForURI(self, uri):
        return TCP4ClientEndpoint(reactor, uri.host.decode(), uri.port)


def fetchJson(agent, service, url):
    """One call to a backend: the response's JSON body, or a failure that names the service."""

    def readJson(response):
        def decode(body):
            if response.code != 200:
                raise BackendError(f"{service} answered {response.code}")
            return json.loads(body)

        return readBody(response).addCallback(decode)

    call = agent.request(b"GET", url)
    call.addTimeout(TIMEOUT_SECONDS, reactor)
    call.addCallback(readJson)
    return call


def timedOut(failure):
    """Did this call's timeout cancel it? The Agent's canceller fails the request with
    ResponseNeverReceived holding the CancelledError, before addTimeout could make it a
    TimeoutError (lesson.md, "Real Twisted, side by side")."""
    if failure.check(defer.TimeoutError):
        return True
    return failure.check(ResponseNeverReceived) is not None and any(
        reason.check(defer.CancelledError) for reason in failure.value.reasons
    )


class Profile(Resource):
    """GET /profile/{id}: both calls at once, one answer from the two."""

    isLeaf = True

    def __init__(self, agent, usersUrl, ordersUrl):
        super().__init__()
        self.agent = agent
        self.usersUrl = usersUrl
        self.ordersUrl = ordersUrl

    def render_GET(self, request):
        id = request.postpath[0].decode()
        both = defer.gatherResults(
            [
                fetchJson(self.agent, "users", self.usersUrl + b"/users/" + id.encode()),
                fetchJson(self.agent, "orders", self.ordersUrl + b"/orders/" + id.encode()),
            ],
            consumeErrors=True,
        )

        def combine(results):
            return 200, {"user": results[0], "orders": results[1]}

        def explain(failure):
            # gatherResults fails with FirstError: which call failed first, and its Failure.
            first = failure.value
            status = 504 if timedOut(first.subFailure) else 502
            service = "users" if first.index == 0 else "orders"
            reason = first.subFailure
            return status, {"error": f"{service}: {reason.type.__name__}: {reason.getErrorMessage()}"}

        def respond(answer):
            status, value = answer
            request.write(answerJson(request, status, value))
            request.finish()

        both.addCallbacks(combine, explain)
        both.addCallback(respond)
        return NOT_DONE_YET


def under(name, resource):
    """A root with one child: /name/{id} reaches resource with postpath [id]."""
    root = Resource()
    root.putChild(name, resource)
    return root


def urlOf(port):
    return f"http://127.0.0.1:{port.getHost().port}".encode()


def askForProfiles(agent, gatewayUrl, ids, ports):
    """One profile after another; 3 s after the last, close the ports and stop."""
    if not ids:
        reactor.callLater(3, stopAll, ports)
        return
    id = ids[0]

    def readTheBody(response):
        return readBody(response).addCallback(lambda body: (response.code, body))

    def printAndAskForTheNext(answer):
        status, body = answer
        print(f"  GET /profile/{id} -> {status} {body.decode()}", end="")
        askForProfiles(agent, gatewayUrl, ids[1:], ports)

    call = agent.request(b"GET", gatewayUrl + b"/profile/" + id.encode())
    call.addCallback(readTheBody)
    call.addCallback(printAndAskForTheNext)


def stopAll(ports):
    """Close the ports in a fixed order (the gateway's, then orders', then users', as ours
    closes them), then stop: the reactor's shutdown would close them in an order that changes
    from run to run, since its set of readers orders them by object identity."""
    for port in ports:
        port.stopListening()
    reactor.stop()


def main():
    # Twisted 22.4's readBody warns about its own client's transport (it has no abortConnection).
    warnings.filterwarnings("ignore", "Using readBody with a transport", DeprecationWarning)
    agent = Agent.usingEndpointFactory(reactor, DirectEndpoints())
    # Port 0: any free port (port numbers are not in the trace).
    usersPort = reactor.listenTCP(0, Site(under(b"users", Users())), interface="127.0.0.1")
    ordersPort = reactor.listenTCP(0, Site(under(b"orders", Orders())), interface="127.0.0.1")
    gateway = Profile(agent, urlOf(usersPort), urlOf(ordersPort))
    gatewayPort = reactor.listenTCP(0, Site(under(b"profile", gateway)), interface="127.0.0.1")
    askForProfiles(agent, urlOf(gatewayPort), ["7", "8", "9"], [gatewayPort, ordersPort, usersPort])
    reactor.run()


if __name__ == "__main__":
    main()
