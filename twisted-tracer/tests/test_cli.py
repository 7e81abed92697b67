"""cli.py and run_program.py: a program runs unchanged; bad input gets a clear message and 1 or 2."""

import json
import os
import subprocess
import unittest

from . import support

PRINTS = """
    import sys
    from twisted.internet import reactor
    print("out:", sys.argv[1:])
    print("err", file=sys.stderr)
    reactor.callLater(0, reactor.stop)
    reactor.run()
    print("after")
"""


def plain(path, *args):
    return subprocess.run([support.PYTHON, path, *args], capture_output=True, text=True, cwd=support.PROJECT_ROOT)


class Unchanged(unittest.TestCase):
    def test_the_programs_output_arguments_and_exit_status_are_its_own(self):
        path = support.program("prints.py", PRINTS)
        expected = plain(path, "a", "--b")
        for clock in ("manual", "system"):
            traced = support.run(["run", "--clock", clock, "--trace", support.scratch(f"prints-{clock}.jsonl"), path,
                                  "a", "--b"])
            self.assertEqual((traced.stdout, traced.stderr, traced.returncode),
                             (expected.stdout, expected.stderr, expected.returncode))
        untraced = support.run(["run", path, "a", "--b"])
        self.assertEqual(untraced.stdout, expected.stdout)

    def test_sys_exit_gives_the_programs_own_status(self):
        path = support.program("exits.py", "import sys\nsys.exit(3)\n")
        self.assertEqual(support.run(["run", path]).returncode, 3)

    def test_the_trace_says_it_comes_from_twisted_and_the_tools_read_it_as_they_are(self):
        path = support.program("tools.py", PRINTS)
        out = support.scratch("tools.jsonl")
        self.assertEqual(support.run(["run", "--clock", "manual", "--reactor", "epoll", "--trace", out, path]).returncode, 0)
        with open(out) as f:
            header = json.loads(f.readline())
        self.assertEqual(header["schema"], "reactor-lab-trace")
        self.assertEqual((header["backend"], header["clock"]), ("epoll", "manual"))
        self.assertEqual(header["twisted"], {"version": "22.4.0", "reactor": "twisted.internet.epollreactor.EPollReactor"})
        for command in ([support.tool("reactor-trace"), "validate", out],
                        [support.tool("reactor-viz"), "--check", out],
                        [support.tool("reactor-trace"), "export", "--chrome", out, support.scratch("tools.chrome.json")]):
            done = subprocess.run(command, capture_output=True, text=True)
            self.assertEqual(done.returncode, 0, f"{command}: {done.stdout}{done.stderr}")
        with open(support.scratch("tools.chrome.json")) as f:
            self.assertIn("traceEvents", json.load(f))


class BadInput(unittest.TestCase):
    def test_a_program_that_raises_prints_its_traceback_as_python_does_and_exits_1_with_a_whole_trace(self):
        source = """
            from twisted.internet import reactor

            def fail():
                raise KeyError("missing")

            reactor.callLater(0, reactor.stop)
            reactor.run()
            fail()
        """
        path = support.program("raises.py", source)
        expected = plain(path)
        out = support.scratch("raises.jsonl")
        traced = support.run(["run", "--clock", "manual", "--trace", out, path])
        self.assertEqual(traced.returncode, 1)
        self.assertEqual(traced.stderr, expected.stderr)
        self.assertTrue(traced.stderr.startswith("Traceback (most recent call last):\n  File \"" + path))
        with open(out, "rb") as f:
            data = f.read()
        self.assertTrue(data.endswith(b"\n"))
        last = json.loads(data.splitlines()[-1])
        self.assertEqual(last["kind"], "run_end")

    def test_a_missing_program_or_driver_is_named_and_exits_2(self):
        done = support.run(["run", "/nonexistent/prog.py"])
        self.assertEqual((done.returncode, done.stderr),
                         (2, "reactorlab_twisted: cannot run program /nonexistent/prog.py: no such file\n"))
        path = support.program("fine.py", "print('x')\n")
        done = support.run(["run", "--driver", support.PROJECT_ROOT, path])
        self.assertEqual(done.returncode, 2)
        self.assertIn(f"cannot run driver {support.PROJECT_ROOT}: not a file", done.stderr)

    def test_a_trace_that_cannot_be_written_is_named_and_exits_2_before_the_program_runs(self):
        path = support.program("fine2.py", "print('ran')\n")
        done = support.run(["run", "--trace", "/nonexistent-dir/t.jsonl", path])
        self.assertEqual((done.returncode, done.stdout), (2, ""))
        self.assertEqual(done.stderr, "reactorlab_twisted: cannot write trace /nonexistent-dir/t.jsonl: "
                                      "No such file or directory\n")

    def test_a_trace_to_a_full_disk_is_an_error_at_the_end_never_silent(self):
        path = support.program("full.py", PRINTS)
        done = support.run(["run", "--clock", "manual", "--trace", "/dev/full", path])
        self.assertEqual(done.returncode, 1)
        self.assertIn("reactorlab_twisted: writing trace /dev/full: No space left on device", done.stderr)

    def test_a_bad_flag_gets_the_usage_and_exits_2(self):
        for args in (["run", "--reactor", "kqueue", "p.py"], ["run", "--clock", "fast", "p.py"], ["walk", "p.py"], []):
            done = support.run(args)
            self.assertEqual(done.returncode, 2, args)
            self.assertIn("usage: reactorlab_twisted", done.stderr)

    def test_a_python_without_twisted_gets_told_what_to_install(self):
        fake = support.scratch("no-twisted")
        os.makedirs(os.path.join(fake, "twisted"), exist_ok=True)
        with open(os.path.join(fake, "twisted", "__init__.py"), "w") as f:
            f.write("raise ImportError('No module named twisted (simulated)')\n")
        path = support.program("any.py", "print('x')\n")
        done = support.run(["run", path], extraPath=fake)
        self.assertEqual(done.returncode, 1)
        self.assertIn("reactorlab_twisted: cannot import Twisted (No module named twisted (simulated)): run with "
                      "Debian's /usr/bin/python3 and its python3-twisted (scripts/setup installs it)", done.stderr)

    def test_the_wrapper_in_build_bin_runs_the_tracer_from_anywhere(self):
        path = support.program("wrapped.py", PRINTS)
        done = subprocess.run([support.tool("reactorlab-twisted"), "run", path, "x"], capture_output=True, text=True,
                              cwd="/", env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout, "out: ['x']\nafter\n")


if __name__ == "__main__":
    unittest.main()
