"""TCP: Twisted's ports and connections, traced with our TCP kinds (traces/SCHEMA.md "TCP").

The tracing reactor's listenTCP and connectTCP build these subclasses of Twisted's own classes
instead of the plain ones (the two lines PosixReactorBase.listenTCP/connectTCP hold, with our
classes in them). Each adds the trace at the point where Twisted does the thing, and nothing else:

  TracingPort(tcp.Port)        port_listening after startListening, connections_accepted after
                               each doRead, port_closed when connectionLost closes the socket
                               (a turn after stopListening: Twisted's deferLater(0)). Its
                               `transport` class attribute, which Port documents as replaceable,
                               is TracingServer.
  TracingServer(tcp.Server)    connection_made once __init__ has registered it as a reader
                               (before Port.doRead calls makeConnection), then the traffic.
  TracingClient(tcp.Client)    connect_started when doConnect first calls connect_ex (Twisted
                               connects a turn after connectTCP, from a callLater(0)),
                               connection_made when _connectDone starts reading.
  TracingConnector(tcp.Connector)  builds TracingClients; connect_failed in connectionFailed.

Traffic, on both connection classes: bytes_read where Connection.doRead hands the bytes to
_dataReceived, bytes_buffered in write/writeSequence, bytes_sent after each writeSomeData,
lose_connection, connection_aborted, read_closed/write_closed (half-close), producer_paused and
producer_resumed (a property on our class watches FileDescriptor's producerPaused flag), and
connection_closed at the start of connectionLost, exactly once. Payload bytes are never written,
only counts; connections and ports have logical ids in the order made, as ours.
Not traced: accept errors (Twisted logs them inside tcp._accept). Tested in tests/test_tcp.py.
"""

from twisted.internet import tcp
from twisted.internet.interfaces import IHalfCloseableProtocol

from .results import errorText


def _buffered(connection):
    return len(connection.dataBuffer) - connection.offset + connection._tempDataLen


class _ConnectionTrace:
    """What both connection classes add; a plain helper object, one per connection."""

    def __init__(self, connection, reactor, side):
        self.reactor = reactor
        reactor._labConnections += 1
        self.id = reactor._labConnections
        self.side = side
        self.made = False
        self.closed = False
        self.connection = connection

    @property
    def on(self):
        return self.reactor._labWriter.on

    def emit(self, kind, fields):
        self.reactor._labEmit(kind, {"connection": self.id, **fields})

    def connectionMade(self):
        if not self.made:
            self.made = True
            self.emit("connection_made", {"fd": self.connection.socket.fileno(), "side": self.side})


def _traffic(base):
    """The traffic hooks, on a subclass of Twisted's `base` connection class."""

    class Traced(base):
        def _dataReceived(self, data):
            if data and self._lab.on:
                self._lab.emit("bytes_read", {"bytes": len(data)})
            return super()._dataReceived(data)

        def write(self, data):
            if self._lab.on and isinstance(data, bytes) and data and self.connected and not self._writeDisconnected:
                self._lab.emit("bytes_buffered", {"bytes": len(data), "buffered": _buffered(self) + len(data)})
            return super().write(data)

        def writeSequence(self, iovec):
            total = sum(len(chunk) for chunk in iovec if isinstance(chunk, bytes))
            if total and self.connected and not self._writeDisconnected:
                self._lab.emit("bytes_buffered", {"bytes": total, "buffered": _buffered(self) + total})
            return super().writeSequence(iovec)

        def writeSomeData(self, data):
            sent = super().writeSomeData(data)
            if self._lab.on and isinstance(sent, int) and sent > 0:
                self._lab.emit("bytes_sent", {"bytes": sent, "buffered": _buffered(self) - sent})
            return sent

        def loseConnection(self, *args):
            if self.connected and not self.disconnecting:
                self._lab.emit("lose_connection", {"buffered": _buffered(self)})
            return super().loseConnection(*args)

        def abortConnection(self):
            if not self.disconnected and not self._aborting:
                self._lab.emit("connection_aborted", {"dropped": _buffered(self)})
            return super().abortConnection()

        def readConnectionLost(self, reason):
            if IHalfCloseableProtocol(self.protocol, None) is not None:
                self._lab.emit("read_closed", {})
            return super().readConnectionLost(reason)

        def _closeWriteConnection(self):
            self._lab.emit("write_closed", {})
            return super()._closeWriteConnection()

        def connectionLost(self, reason):
            lab = self._lab
            if self.connected and hasattr(self, "socket") and not lab.closed:
                lab.closed = True
                lab.emit("connection_closed", {"fd": self.socket.fileno(), "reason": errorText(reason)})
            return super().connectionLost(reason)

        # FileDescriptor keeps "is the producer paused" in this flag; watching it traces both
        # moments at the line where Twisted decides them (_maybePauseProducer, doWrite).
        @property
        def producerPaused(self):
            return self.__dict__.get("_labProducerPaused", False)

        @producerPaused.setter
        def producerPaused(self, paused):
            was = self.__dict__.get("_labProducerPaused", False)
            self.__dict__["_labProducerPaused"] = paused
            if paused != was and getattr(self, "_lab", None) is not None:
                self._lab.emit("producer_paused" if paused else "producer_resumed", {"buffered": _buffered(self)})

    return Traced


class TracingServer(_traffic(tcp.Server)):
    def __init__(self, sock, protocol, client, server, sessionno, reactor):
        self._lab = _ConnectionTrace(self, reactor, "server")
        super().__init__(sock, protocol, client, server, sessionno, reactor)
        self._lab.connectionMade()


class TracingClient(_traffic(tcp.Client)):
    def __init__(self, host, port, bindAddress, connector, reactor=None):
        self._lab = _ConnectionTrace(self, reactor, "client")
        self._labStarted = False
        super().__init__(host, port, bindAddress, connector, reactor)

    def doConnect(self):
        if not self._labStarted and hasattr(self, "connector") and hasattr(self, "socket"):
            self._labStarted = True
            self._lab.emit("connect_started", {"fd": self.socket.fileno(), "host": self.addr[0]})
        return super().doConnect()

    def startReading(self):
        super().startReading()
        if self.connected:  # _connectDone: connected, reading, and makeConnection comes next
            self._lab.connectionMade()


class TracingConnector(tcp.Connector):
    def _makeTransport(self):
        return TracingClient(self.host, self.port, self.bindAddress, self, self.reactor)

    def connectionFailed(self, reason):
        transport = self.transport
        if transport is not None and getattr(transport, "_lab", None) is not None:
            transport._lab.emit("connect_failed", {"reason": errorText(reason)})
        return super().connectionFailed(reason)


class TracingPort(tcp.Port):
    transport = TracingServer

    def __init__(self, port, factory, backlog=50, interface="", reactor=None):
        super().__init__(port, factory, backlog, interface, reactor)
        reactor._labPorts += 1
        self._labId = reactor._labPorts

    def startListening(self):
        super().startListening()
        self.reactor._labEmit("port_listening", {"port": self._labId, "fd": self.fileno(),
                                                 "interface": self.getHost().host})

    def doRead(self):
        before = self.sessionno
        result = super().doRead()
        self.reactor._labEmit("connections_accepted", {"port": self._labId, "accepted": self.sessionno - before,
                                                       "next_limit": self.numberAccepts})
        return result

    def connectionLost(self, reason):
        if hasattr(self, "socket"):
            self.reactor._labEmit("port_closed", {"port": self._labId, "fd": self.fileno()})
        return super().connectionLost(reason)
