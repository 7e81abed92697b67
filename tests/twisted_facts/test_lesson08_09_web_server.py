"""Lessons 08 (an HTTP server) and 09 (real time): how twisted.web serves a request."""

import pathlib
import unittest

import twisted
from twisted.internet import task
from twisted.internet.testing import StringTransport
from twisted.web import http, resource, server
from twisted.web.test.requesthelper import DummyRequest


class Hello(resource.Resource):
    isLeaf = True

    def render_GET(self, request):
        return b"hello from render_GET"


class ResourceTree(unittest.TestCase):
    def test_a_Site_finds_the_resource_on_its_tree_and_render_calls_render_GET(self):
        """Backs lesson 08, "Where we differ from Twisted": twisted.web.server.Site walks a tree
        of resources (getChildWithDefault) and Resource.render calls render_<METHOD>."""
        root = resource.Resource()
        root.putChild(b"hello", Hello())
        request = DummyRequest([b"hello"])
        request.method = b"GET"
        found = server.Site(root).getResourceFor(request)
        self.assertIsInstance(found, Hello)
        self.assertEqual(found.render(request), b"hello from render_GET")
        request.method = b"POST"
        with self.assertRaises(server.UnsupportedMethod):
            found.render(request)


def channel_on_a_manual_clock():
    """An HTTPChannel over a StringTransport, its timeout on a task.Clock (Twisted's test_http way)."""
    clock = task.Clock()
    factory = http.HTTPFactory(reactor=clock)
    channel = factory.buildProtocol(None)
    channel.callLater = clock.callLater
    transport = StringTransport()
    channel.makeConnection(transport)
    return clock, channel, transport


class ChannelTimeout(unittest.TestCase):
    def test_every_header_line_restarts_the_one_minute_timeout_and_the_cut_writes_no_408(self):
        """Backs lesson 08, "How long a client may take": Twisted has one timeout (a minute,
        HTTPFactory's default), restarted by every line of a request (TimeoutMixin.resetTimeout in
        lineReceived), and on it closes without answering. Ours gives the header 20 s from its
        first byte and answers 408."""
        clock, channel, transport = channel_on_a_manual_clock()
        self.assertEqual(channel.timeOut, 60)
        channel.dataReceived(b"GET / HTTP/1.1\r\n")
        for _ in range(3):
            clock.advance(50)
            channel.dataReceived(b"X-Slow: 1\r\n")
        self.assertFalse(transport.disconnecting, "a line every 50 s kept the request for 150 s")
        clock.advance(61)
        self.assertTrue(transport.disconnecting)
        self.assertEqual(transport.value(), b"", "Twisted's timeout closes without a 408")

    def test_a_TLS_hello_gets_no_answer_until_a_line_end_or_the_timeout(self):
        """Backs lesson 08, "How long a client may take": bytes that cannot start a request line
        (a TLS ClientHello) wait in LineReceiver's buffer for a line end; ours answers 400 at once."""
        clock, channel, transport = channel_on_a_manual_clock()
        channel.dataReceived(b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + b"\x00" * 32)
        self.assertEqual(transport.value(), b"")
        self.assertFalse(transport.disconnecting)
        clock.advance(61)
        self.assertTrue(transport.disconnecting)


class NoEventStream(unittest.TestCase):
    def test_no_module_of_the_installed_Twisted_writes_text_event_stream(self):
        """Backs lesson 09, "Where we differ from Twisted": "Twisted has no SSE class of its own"
        (no module outside Twisted's own tests mentions text/event-stream)."""
        package = pathlib.Path(twisted.__file__).parent
        sources = [p for p in package.rglob("*.py") if "test" not in p.relative_to(package).parts]
        self.assertGreater(len(sources), 100, "the installed Twisted's sources were not found")
        mentions = [str(p) for p in sources if "text/event-stream" in p.read_text(errors="replace")]
        self.assertEqual(mentions, [])


if __name__ == "__main__":
    unittest.main()
