"""Lesson 03 (the echo server): Twisted's accept loop, closing, and aborting."""

import unittest

from twisted.internet import error, protocol
from twisted.internet.defer import Deferred, DeferredList

import support


class AcceptLimit(unittest.TestCase):
    def test_a_port_accepts_up_to_100_at_first_then_adapts_to_what_came(self):
        """Backs lesson 03, "Connection accepted": "Twisted starts at 100 and adapts" (tcp.Port.doRead:
        numberAccepts starts at 100, grows by 20 when a readiness used it all, and otherwise
        becomes what was accepted, at least 1)."""
        reactor = support.fresh_reactor("select")
        made = []
        factory = protocol.Factory.forProtocol(protocol.Protocol)
        factory.buildProtocol = lambda addr: made.append(protocol.Protocol()) or made[-1]
        port, number = support.loopback_port(reactor, factory)
        clients = []
        try:
            self.assertEqual(port.numberAccepts, 100)
            clients += support.connect_plain_clients(number, 3)
            port.doRead()
            self.assertEqual((len(made), port.numberAccepts), (3, 3))
            clients += support.connect_plain_clients(number, 5)
            port.doRead()
            self.assertEqual((len(made), port.numberAccepts), (6, 23), "a full batch of 3 grows the limit by 20")
        finally:
            for client in clients:
                client.close()
            for p in made:
                p.transport.socket.close()
            port.socket.close()


class Closing(unittest.TestCase):
    def test_stopListening_closes_the_port_one_turn_later(self):
        """Backs lesson 03, "What differs from Twisted": our stopListening closes at once; Twisted's
        Port.loseConnection (stopListening) schedules connectionLost with deferLater(reactor, 0)."""
        reactor = support.fresh_reactor("select")
        port, _ = support.loopback_port(reactor, protocol.Factory.forProtocol(protocol.Protocol))
        closed = port.stopListening()
        self.assertTrue(port.connected, "the port closed during stopListening")
        self.assertFalse(closed.called)
        reactor.runUntilCurrent()
        self.assertFalse(port.connected)
        self.assertTrue(closed.called)

    def test_a_write_made_after_loseConnection_is_still_sent(self):
        """Backs lesson 03, "Lose connection requested": "a write made after loseConnection is still sent, as
        in Twisted" (abstract.FileDescriptor.write only refuses once the connection is gone)."""
        reactor = support.fresh_reactor("select")
        server = support.Recorder()
        _, number = support.loopback_port(reactor, protocol.Factory.forProtocol(lambda: server))

        class Closer(protocol.Protocol):
            def connectionMade(self):
                self.transport.write(b"before ")
                self.transport.loseConnection()
                self.transport.write(b"after")

        protocol.ClientCreator(reactor, Closer).connectTCP("127.0.0.1", number)
        reason = support.run_until_fired(reactor, server.lost)
        self.assertEqual(server.received, b"before after")
        self.assertIs(support.failure_type(reason), error.ConnectionDone)

    def test_abortConnection_drops_the_buffer_and_reports_ConnectionAborted_one_turn_later(self):
        """Backs lesson 03, "Connection closed": abortConnection drops the buffer and says
        ConnectionAborted one turn later (tcp._AbortingMixin.abortConnection: callLater(0, ...)),
        and it resets the connection (_closeSocket(orderly=False), SO_LINGER 0): the peer reads
        ConnectionLost, not a clean end."""
        reactor = support.fresh_reactor("select")
        server = support.Recorder()
        _, number = support.loopback_port(reactor, protocol.Factory.forProtocol(lambda: server))
        seen = {}
        client_lost = Deferred()

        class Aborter(support.Recorder):
            def connectionMade(self):
                self.transport.write(b"never sent")
                self.transport.abortConnection()
                seen["lost right away"] = self.lost.called
                self.lost.addBoth(client_lost.callback)

        protocol.ClientCreator(reactor, Aborter).connectTCP("127.0.0.1", number)
        both = DeferredList([client_lost, server.lost], consumeErrors=True)
        (_, reason), (_, peer_reason) = support.run_until_fired(reactor, both)
        self.assertFalse(seen["lost right away"], "connectionLost ran inside abortConnection")
        self.assertIs(support.failure_type(reason), error.ConnectionAborted)
        self.assertIs(support.failure_type(peer_reason), error.ConnectionLost)
        self.assertEqual(server.received, b"", "the buffered write reached the server")


if __name__ == "__main__":
    unittest.main()
