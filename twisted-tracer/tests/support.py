"""Shared helpers for the tracer's tests: run a program under the tracer in a child process (a
process can install a global reactor once), read the trace back, and find the project's tools.

Each test writes its program into a scratch folder (REACTOR_LAB_SCRATCH, set by ctest, or a
temporary one) and runs `/usr/bin/python3 -m reactorlab_twisted run ...` with this package on
PYTHONPATH, exactly as the wrapper build/bin/reactorlab-twisted does.
"""

import json
import os
import subprocess
import tempfile
import textwrap

TRACER_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROJECT_ROOT = os.path.dirname(TRACER_DIR)
PYTHON = "/usr/bin/python3"
BIN = os.environ.get("REACTOR_LAB_BIN", os.path.join(PROJECT_ROOT, "build", "bin"))
_scratch = None


def scratch(name):
    """A path in this run's scratch folder."""
    global _scratch
    if _scratch is None:
        base = os.environ.get("REACTOR_LAB_SCRATCH")
        if base:
            os.makedirs(base, exist_ok=True)
        _scratch = tempfile.mkdtemp(prefix="tracer-", dir=base)
    return os.path.join(_scratch, name)


def program(name, source):
    """Writes a program (dedented) to the scratch folder and returns its path."""
    path = scratch(name)
    with open(path, "w") as f:
        f.write(textwrap.dedent(source))
    return path


def environment(extraPath=None):
    env = dict(os.environ)
    paths = ([extraPath] if extraPath else []) + [TRACER_DIR]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run(args, extraPath=None, timeout=60):
    """`reactorlab_twisted ARGS...`; returns the CompletedProcess (text stdout and stderr)."""
    return subprocess.run([PYTHON, "-m", "reactorlab_twisted", *args], capture_output=True, text=True,
                          env=environment(extraPath), timeout=timeout, cwd=PROJECT_ROOT)


def trace(path, *options, clock="manual", reactor="select", name=None):
    """Runs `path` traced; returns (events without the header, the CompletedProcess)."""
    out = scratch(name or (os.path.basename(path) + f".{reactor}.jsonl"))
    done = run(["run", "--clock", clock, "--reactor", reactor, "--trace", out, *options, path])
    return readTrace(out)[1], done


def readTrace(path):
    """(header, events): every line parsed, keys in file order."""
    with open(path, encoding="utf-8") as f:
        lines = [json.loads(line) for line in f]
    return lines[0], lines[1:]


def sourceName(path):
    """`path` as traces write it (relative to the project root when under it)."""
    from reactorlab_twisted import names
    return names.sourceFile(path)


def kinds(events):
    return [e["kind"] for e in events]


def ofKind(events, kind):
    return [e for e in events if e["kind"] == kind]


def fields(event):
    """An event without seq, t and iter."""
    return {k: v for k, v in event.items() if k not in ("seq", "t", "iter")}


def tool(name):
    """A project binary (build/bin/NAME); the tests that need one fail, not skip, without it."""
    path = os.path.join(BIN, name)
    if not os.access(path, os.X_OK):
        raise AssertionError(f"{path} is not built (cmake --build build --target {name})")
    return path
