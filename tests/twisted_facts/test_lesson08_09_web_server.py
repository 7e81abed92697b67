"""Lessons 08 (an HTTP server) and 09 (real time): how twisted.web serves a request."""

import pathlib
import unittest

import twisted
from twisted.web import resource, server
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
