"""Shared helpers for the Twisted fact checks (tests/twisted_facts/README.md).

Each test builds its own reactor instance (never the global `twisted.internet.reactor`), so one
process can run many tests: a reactor can run only once. Log events go to one collector, not to
stderr, so a test can look for "Unhandled error in Deferred" and the output stays readable.
"""

import socket

from twisted.internet import epollreactor, pollreactor, protocol, selectreactor
from twisted.internet.defer import Deferred
from twisted.logger import globalLogBeginner
from twisted.python.failure import Failure

REACTORS = {
    "select": selectreactor.SelectReactor,
    "poll": pollreactor.PollReactor,
    "epoll": epollreactor.EPollReactor,
}

# How long a test waits for the loopback network before it fails (a bound, not a timing).
TIMEOUT_S = 10.0


class LogCollector:
    """Every log event emitted in this process, in order."""

    def __init__(self):
        self.events = []

    def __call__(self, event):
        self.events.append(event)

    def formats(self):
        return [event.get("log_format") for event in self.events]

    def clear(self):
        self.events.clear()


LOG = LogCollector()
globalLogBeginner.beginLoggingTo([LOG], discardBuffer=True, redirectStandardIO=False)


def fresh_reactor(name="select"):
    """A new, never-run reactor of the named kind."""
    return REACTORS[name]()


def run_until_fired(reactor, deferred, timeout=TIMEOUT_S):
    """Run `reactor` until `deferred` fires; return its result (a Failure stays a Failure).

    Fails the calling test with AssertionError when the Deferred has not fired within `timeout`
    seconds of real time, so a broken fact cannot hang the suite.
    """
    outcome = {}

    def done(result):
        outcome["result"] = result
        if reactor.running:
            reactor.stop()
        return None

    def give_up():
        outcome.setdefault("timed_out", True)
        reactor.stop()

    deferred.addBoth(done)
    if "result" not in outcome:
        guard = reactor.callLater(timeout, give_up)
        reactor.run(installSignalHandlers=False)
        if guard.active():
            guard.cancel()
    if "result" not in outcome:
        raise AssertionError(f"the Deferred did not fire within {timeout} s")
    return outcome["result"]


def loopback_port(reactor, factory):
    """Listen on an ephemeral loopback port; return (port, its number)."""
    port = reactor.listenTCP(0, factory, interface="127.0.0.1")
    return port, port.getHost().port


def connect_plain_clients(port_number, count):
    """`count` blocking client sockets connected to the port (the kernel completes the handshakes)."""
    clients = []
    for _ in range(count):
        client = socket.create_connection(("127.0.0.1", port_number), timeout=TIMEOUT_S)
        clients.append(client)
    return clients


class Recorder(protocol.Protocol):
    """A protocol that keeps what it received and how its connection ended."""

    def __init__(self):
        self.received = b""
        self.made = Deferred()
        self.lost = Deferred()

    def connectionMade(self):
        self.made.callback(self)

    def dataReceived(self, data):
        self.received += data

    def connectionLost(self, reason):
        self.lost.callback(reason)


def failure_type(result):
    """The exception type a Failure holds, or None for a plain value."""
    return result.type if isinstance(result, Failure) else None
