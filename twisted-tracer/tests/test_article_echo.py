"""The article's echo server (section 2.2.3), unchanged, under the tracer: driven, stopped, replayed."""

import subprocess
import unittest

from . import support

LESSON = support.PROJECT_ROOT + "/lessons/03-echo-server/"
SERVER = LESSON + "article_echo_server.py"
DRIVER = LESSON + "article_driver.py"


def traced(name):
    out = support.scratch(name)
    done = support.run(["run", "--clock", "manual", "--trace", out, "--driver", DRIVER, SERVER])
    return out, done


class ArticleEchoServer(unittest.TestCase):
    def test_the_driven_server_echoes_both_lines_and_the_run_ends_by_itself(self):
        out, done = traced("article.jsonl")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout, "client: echoed intact: hello\nclient: echoed intact: reactor\n"
                                      "client: connection ended (Connection was closed cleanly.)\n")
        header, events = support.readTrace(out)
        self.assertEqual(header["program"], "lessons/03-echo-server/article_echo_server.py")
        server = [(e["kind"], e.get("bytes")) for e in events if e.get("connection") == 2]
        self.assertEqual(server, [("connection_made", None), ("bytes_read", 6), ("bytes_buffered", 6),
                                  ("bytes_sent", 6), ("bytes_read", 8), ("bytes_buffered", 8), ("bytes_sent", 8),
                                  ("connection_closed", None)])
        self.assertEqual(len(support.ofKind(events, "port_listening")), 1)
        self.assertEqual(support.kinds(events)[-1], "run_end")

    def test_the_article_asks_for_port_1234_and_its_code_is_not_touched_by_the_run(self):
        with open(SERVER, encoding="utf-8") as f:
            source = f.read()
        self.assertIn("reactor.listenTCP(1234, EchoFactory())", source)
        self.assertNotIn("reactorlab", source)
        traced("article-untouched.jsonl")
        with open(SERVER, encoding="utf-8") as f:
            self.assertEqual(f.read(), source)

    def test_two_runs_write_the_same_trace_and_reactor_viz_replays_it(self):
        first, _ = traced("article-1.jsonl")
        second, _ = traced("article-2.jsonl")
        with open(first, "rb") as a, open(second, "rb") as b:
            self.assertEqual(a.read(), b.read())
        check = subprocess.run([support.tool("reactor-viz"), "--check", first], capture_output=True, text=True)
        self.assertEqual(check.returncode, 0, check.stdout + check.stderr)
        self.assertIn("manual clock", check.stdout)


if __name__ == "__main__":
    unittest.main()
