"""The command line: `python3 -m reactorlab_twisted run [options] PROGRAM.py [ARGS...]`.

Options come before the program; everything after it is the program's own (as with python3).
Exit status: the program's own; 1 when the run failed (the program raised, Twisted cannot be
imported, the loop could never wake, the trace could not be finished); 2 for a usage error or a
file that cannot be read or written (the program, the driver, the trace), as reactor-trace's.
Twisted is imported only after the arguments are checked, so a machine without it gets a clear
message rather than an ImportError. Tested in tests/test_cli.py and tests/test_bad_input.py.
"""

import argparse
import os
import sys

PROG = "reactorlab_twisted"
EXIT_FAILED = 1
EXIT_USAGE = 2


def _parser():
    parser = argparse.ArgumentParser(
        prog=PROG, description="Run a Twisted program under a tracing reactor that writes a reactor-lab trace.")
    commands = parser.add_subparsers(dest="command", metavar="run", required=True)
    run = commands.add_parser(
        "run", help="run PROGRAM.py traced",
        description="Run PROGRAM.py, unchanged, under a tracing Twisted reactor.")
    run.add_argument("--trace", metavar="FILE", help="write the trace to FILE (none: run without one)")
    run.add_argument("--reactor", choices=("select", "poll", "epoll"), default="select",
                     help="Twisted's reactor to trace (default: select)")
    run.add_argument("--clock", choices=("manual", "system"), default="system",
                     help="manual: logical time, the same trace on every run; system: real time (default)")
    run.add_argument("--driver", metavar="FILE",
                     help="a Python file run first, in the same process (tests use it to drive a server)")
    run.add_argument("program", metavar="PROGRAM.py")
    run.add_argument("args", nargs=argparse.REMAINDER, metavar="ARGS")
    return parser


def _fail(message, status):
    print(f"{PROG}: {message}", file=sys.stderr)
    return status


def main(argv=None):
    options = _parser().parse_args(argv)
    for role, path in (("program", options.program), ("driver", options.driver)):
        if path is not None and not os.path.isfile(path):
            return _fail(f"cannot run {role} {path}: {'not a file' if os.path.exists(path) else 'no such file'}",
                         EXIT_USAGE)
    try:
        import twisted
        from twisted.internet import selectreactor  # noqa: F401 (the reactors are importable)
    except ImportError as e:
        return _fail(f"cannot import Twisted ({e}): run with Debian's /usr/bin/python3 and its python3-twisted "
                     f"(scripts/setup installs it)", EXIT_FAILED)
    if "twisted.internet.reactor" in sys.modules:
        return _fail("a Twisted reactor is already installed in this process", EXIT_FAILED)

    from . import names
    from .clocks import ManualClock, SystemClock
    from .run_program import runTraced
    from .trace_writer import NullTraceWriter, TraceFileError, TraceWriter, headerLine
    from .tracing_reactor import BACKENDS

    clock = ManualClock() if options.clock == "manual" else SystemClock()
    base = BACKENDS[options.reactor][0]
    header = headerLine(names.sourceFile(options.program), options.reactor, clock.kind,
                        {"twisted": {"version": twisted.__version__,
                                     "reactor": f"{base.__module__}.{base.__qualname__}"}})
    try:
        writer = TraceWriter(options.trace, clock, header) if options.trace else NullTraceWriter()
    except TraceFileError as e:
        return _fail(str(e), EXIT_USAGE)
    try:
        status = runTraced(options.program, options.args, options.reactor, writer, clock, options.driver)
    finally:
        try:
            writer.close()
        except TraceFileError as e:
            _fail(str(e), EXIT_FAILED)
            status = EXIT_FAILED
    return status
