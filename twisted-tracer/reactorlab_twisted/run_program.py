"""Running a Twisted program under the tracing reactor, unchanged, as `python3 PROGRAM.py` would.

`runTraced` installs the tracing reactor as Twisted's global reactor before the program can
import it (twisted.internet.main.installReactor: `from twisted.internet import reactor` then
finds ours), starts Deferred tracing, and runs the program with runpy as `__main__`, with
sys.argv and sys.path[0] set as Python sets them for a script. The program's output is its own:
the tracer writes only the trace file, and to stderr only its own errors.

How a run ends (exit status):
  - the program returns, or calls sys.exit(N): its status (0, N), as Python's;
  - the program raises: its traceback, printed as Python prints it (from the program's own
    frames on, through sys.excepthook), and status 1;
  - the loop had to be ended (a manual clock with nothing that could ever wake it): status 1.
In every case the trace is closed first, so it ends with a whole line; Deferreds the program
dropped are collected before that, so their deferred_unhandled events are in it.
A `driver` file, when given, runs first in the same process (tests use one to talk to a server
that never stops by itself, without touching the server's code).
Tested in tests/test_cli.py and tests/test_bad_input.py.
"""

import gc
import os
import runpy
import sys

from twisted.internet import main as twistedMain

from . import deferreds
from .tracing_reactor import tracingReactor


def runTraced(program, args, backend, writer, clock, driver=None):
    """Runs `program` traced; returns the exit status."""
    reactor = tracingReactor(backend, writer, clock)
    twistedMain.installReactor(reactor)
    if writer.on:  # without a trace nothing would be written: leave Deferred as Twisted made it
        deferreds.install(writer.emit)
    status = 0
    try:
        if driver is not None:
            status = _runScript(driver, [driver], keepArgv=True)
        if status == 0:
            status = _runScript(program, [program] + list(args))
        if reactor._labFailed is not None and status == 0:
            status = 1
    finally:
        gc.collect()
        deferreds.uninstall()  # does nothing when it was not installed
    return status


def _runScript(path, argv, keepArgv=False):
    saved = sys.argv, sys.path[0] if sys.path else None
    if not keepArgv:
        sys.argv = argv
    if sys.path:
        sys.path[0] = os.path.dirname(os.path.abspath(path))
    try:
        runpy.run_path(path, run_name="__main__")
        return 0
    except SystemExit as e:
        return _exitStatus(e.code)
    except BaseException:
        kind, value, tb = sys.exc_info()
        tb = _fromScript(tb, path)
        sys.excepthook(kind, value.with_traceback(tb), tb)
        return 1
    finally:
        if not keepArgv:
            sys.argv = saved[0]


def _exitStatus(code):
    # As the interpreter treats sys.exit's argument.
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _fromScript(tb, path):
    """The traceback from the script's first frame on: Python shows no frames above a script."""
    target = os.path.abspath(path)
    first = tb
    while first is not None and os.path.abspath(first.tb_frame.f_code.co_filename) != target:
        first = first.tb_next
    return first if first is not None else tb
