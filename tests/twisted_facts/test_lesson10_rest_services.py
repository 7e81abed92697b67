"""Lesson 10 (REST services): Twisted's Agent, its connection pool and readBody, on loopback."""

import unittest

from twisted.internet import protocol, task
from twisted.internet.defer import CancelledError, Deferred, gatherResults, inlineCallbacks
from twisted.web.client import Agent, HTTPConnectionPool, PartialDownloadError, ResponseFailed, readBody
from twisted.web._newclient import ResponseNeverReceived

import support


class CannedServer(protocol.Protocol):
    """Answers every request (up to its blank line) with the factory's `answer` bytes.

    `answer` may be a list: the parts are written one per request, and `close` says whether to
    close the connection after answering.
    """

    def connectionMade(self):
        self.factory.connections += 1
        self.pending = b""

    def dataReceived(self, data):
        self.pending += data
        while b"\r\n\r\n" in self.pending:
            _, self.pending = self.pending.split(b"\r\n\r\n", 1)
            self.factory.requests += 1
            if self.factory.answer is not None:
                self.transport.write(self.factory.answer)
            if self.factory.close:
                self.transport.loseConnection()


def canned_server(reactor, answer, close):
    factory = protocol.Factory.forProtocol(CannedServer)
    factory.answer, factory.close = answer, close
    factory.connections = factory.requests = 0
    _, number = support.loopback_port(reactor, factory)
    return factory, b"http://127.0.0.1:%d/" % number


KEEP_ALIVE_OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"


class ConnectionPool(unittest.TestCase):
    def two_requests(self, pool_for):
        """Two GETs in turn, each body read before the next; returns the server's factory."""
        reactor = support.fresh_reactor("select")
        factory, url = canned_server(reactor, KEEP_ALIVE_OK, close=False)
        pool = pool_for(reactor)
        agent = Agent(reactor, pool=pool)

        @inlineCallbacks
        def both():
            bodies = []
            for _ in range(2):
                response = yield agent.request(b"GET", url)
                bodies.append((yield readBody(response)))
            if pool is not None:
                yield pool.closeCachedConnections()
            return bodies

        self.assertEqual(support.run_until_fired(reactor, both()), [b"ok", b"ok"])
        return factory

    def test_an_Agent_with_its_default_pool_opens_a_new_connection_for_every_request(self):
        """Backs lesson 10, "Where we differ from Twisted": Agent's default pool is not persistent
        (client._AgentBase.__init__ builds HTTPConnectionPool(reactor, False))."""
        factory = self.two_requests(lambda reactor: None)
        self.assertEqual((factory.requests, factory.connections), (2, 2))

    def test_a_pool_passed_in_with_persistent_True_reuses_one_connection(self):
        """Backs lesson 10: reuse needs HTTPConnectionPool(reactor, persistent=True) passed to Agent."""
        factory = self.two_requests(lambda reactor: HTTPConnectionPool(reactor, persistent=True))
        self.assertEqual((factory.requests, factory.connections), (2, 1))


class ReadingTheBody(unittest.TestCase):
    def get(self, answer, close=True, read=True):
        reactor = support.fresh_reactor("select")
        _, url = canned_server(reactor, answer, close)
        d = Agent(reactor).request(b"GET", url)
        if read:
            d.addCallback(readBody)
        return support.run_until_fired(reactor, d)

    def test_Agent_request_fires_with_the_response_before_its_body_is_read(self):
        """Backs lesson 10: "Twisted's Agent.request fires with a response whose body you then
        read with readBody" (the server here sends the headers and never the body)."""
        response = self.get(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", close=False, read=False)
        self.assertEqual((response.code, response.length), (200, 5))

    def test_a_body_that_ends_with_the_connection_fails_readBody_with_PartialDownloadError(self):
        """Backs lesson 10: with no Content-Length the body ends when the server closes; the body
        protocol's connectionLost is given PotentialDataLoss, and readBody's Deferred fails with
        PartialDownloadError, whose .response holds the body received."""
        result = self.get(b"HTTP/1.1 200 OK\r\n\r\nevery byte sent")
        self.assertIs(support.failure_type(result), PartialDownloadError)
        self.assertEqual(result.value.response, b"every byte sent")

    def test_a_body_cut_short_of_its_Content_Length_fails_readBody_with_ResponseFailed(self):
        """Backs lesson 10: a body that stops before its announced length is a different failure:
        ResponseFailed (wrapping http._DataLoss), as our client says ResponseFailed."""
        result = self.get(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort")
        self.assertIs(support.failure_type(result), ResponseFailed)

    def test_a_server_that_closes_before_answering_fails_the_request_with_ResponseNeverReceived(self):
        """Backs lesson 10's table: "the server closed before answering: ResponseNeverReceived"."""
        result = self.get(None, close=True, read=False)
        self.assertIs(support.failure_type(result), ResponseNeverReceived)


class ConsumeErrors(unittest.TestCase):
    def failing_call_dropped_after_gatherResults(self, consume):
        """Whether a call that failed inside gatherResults is reported once every reference is gone."""
        support.LOG.clear()
        call, other = Deferred(), Deferred()
        gathered = gatherResults([call, other], consumeErrors=consume)
        gathered.addErrback(lambda failure: None)
        call.errback(ValueError("backend down"))
        other.callback("orders")
        del call, other, gathered
        return "Unhandled error in Deferred:" in support.LOG.formats()

    def test_with_consumeErrors_the_failed_call_is_not_reported_again_as_unhandled(self):
        """Backs lesson 10, "A failing backend": consumeErrors keeps the failure gatherResults
        recorded from being reported again by the call's own Deferred."""
        self.assertFalse(self.failing_call_dropped_after_gatherResults(consume=True))
        self.assertTrue(self.failing_call_dropped_after_gatherResults(consume=False))


class TimeoutOnAnAgentRequest(unittest.TestCase):
    def test_addTimeout_on_an_Agent_request_fails_with_ResponseNeverReceived_holding_CancelledError(self):
        """Backs lesson 10, "Real Twisted, side by side": addTimeout on an Agent request does not
        fail with TimeoutError. The timeout cancels the request; its canceller
        (_newclient.HTTP11ClientProtocol.request's cancelRequest) aborts the connection and fails
        the Deferred with ResponseNeverReceived([CancelledError]) first, and addTimeout's
        _cancelledToTimedOutError turns only a CancelledError into TimeoutError. The timeout's
        clock is a task.Clock, advanced once the server has the request (no real time waited)."""
        reactor = support.fresh_reactor("select")
        clock = task.Clock()
        factory, url = canned_server(reactor, None, close=False)

        def receivedThenTimeOut(server, data):
            CannedServer.dataReceived(server, data)
            if factory.requests and clock.getDelayedCalls():
                clock.advance(1.0)

        factory.protocol = type("TimingOutServer", (CannedServer,), {"dataReceived": receivedThenTimeOut})
        d = Agent(reactor).request(b"GET", url)
        d.addTimeout(1.0, clock)
        result = support.run_until_fired(reactor, d)
        self.assertEqual(factory.requests, 1)
        self.assertIs(support.failure_type(result), ResponseNeverReceived)
        self.assertEqual([reason.type for reason in result.value.reasons], [CancelledError])


if __name__ == "__main__":
    unittest.main()
