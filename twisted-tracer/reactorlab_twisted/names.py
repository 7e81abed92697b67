"""How a trace names code: source locations (`at`), callables (labels) and handlers.

Traces never hold addresses or id()s (traces/SCHEMA.md): a name must be the same on every run
and on every machine with the same checkout and Twisted.
  - A source file is written relative to the project root when it is under it
    ("lessons/03-echo-server/program.py:12"), else relative to the sys.path entry that holds it
    ("twisted/internet/tcp.py:423", the same on every Debian 12), else as it is.
  - A callable is its __qualname__ ("EchoClient.gotEcho", "main.<locals>.<lambda>").
  - A handler is its class's name, skipping the tracer's own subclasses: a TracingServer is
    Twisted's "Server", as reactor-viz and the twin tables expect.
`callerLocation` finds the line a trace's `at` names: the program's line that led to the event, or
Twisted's own line when the loop itself caused it (its docstring gives the rule).
Tested in tests/test_names.py.
"""

import os
import sys

import twisted

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
PROJECT_ROOT = os.path.dirname(os.path.dirname(PACKAGE_DIR))
TWISTED_DIR = os.path.dirname(os.path.abspath(twisted.__file__))
_PACKAGE = __name__.rpartition(".")[0]

_fileNames = {}


def sourceFile(path):
    """`path` as a trace writes it (see the module header)."""
    cached = _fileNames.get(path)
    if cached is not None:
        return cached
    full = os.path.abspath(path)
    name = full
    if full.startswith(PROJECT_ROOT + os.sep):
        name = os.path.relpath(full, PROJECT_ROOT)
    else:
        holders = [p for p in map(os.path.abspath, filter(None, sys.path)) if full.startswith(p + os.sep)]
        if holders:
            name = os.path.relpath(full, max(holders, key=len))
    _fileNames[path] = name
    return name


def frameLocation(frame):
    return f"{sourceFile(frame.f_code.co_filename)}:{frame.f_lineno}"


def _ownFile(filename):
    return os.path.dirname(os.path.abspath(filename)) == PACKAGE_DIR


def _inTwisted(filename):
    return os.path.abspath(filename).startswith(TWISTED_DIR + os.sep)


# The loop's own frames: below one of these, whatever happens was started by the loop itself.
_LOOP_FRAMES = {"mainLoop", "runUntilCurrent", "doIteration", "doSelect", "doPoll", "_doReadOrWrite",
                "fireSystemEvent"}


def callerLocation(skipFiles=()):
    """file:line of the code that made something happen (a timer scheduled, a Deferred made, a
    pair added), walking out from the caller:
      - the tracer's own frames are skipped, and so are `skipFiles` (defer.py for a Deferred);
      - the first program frame (not Twisted's) is the answer: the line in the program that led
        to it, even through Twisted's own calls ("program.py:31" for connectTCP's timers);
      - an inlineCallbacks function or coroutine that is suspended is named by the line it is
        suspended at (its generator's frame);
      - when the loop itself started it (a frame of runUntilCurrent, doSelect, ... comes first),
        the innermost Twisted line outside `skipFiles` is the answer ("twisted/internet/task.py:873").
    """
    skip = {os.path.abspath(f) for f in skipFiles}
    frame = sys._getframe(1)
    candidate = None
    while frame is not None:
        code = frame.f_code
        filename = code.co_filename
        if code.co_name in _LOOP_FRAMES and (_ownFile(filename) or _inTwisted(filename)):
            break
        if not _ownFile(filename):
            if not _inTwisted(filename):
                return frameLocation(frame)
            if candidate is None and os.path.abspath(filename) not in skip:
                candidate = frame
            if code.co_name == "_inlineCallbacks":
                gen = frame.f_locals.get("gen")
                suspended = getattr(gen, "gi_frame", None) or getattr(gen, "cr_frame", None)
                if suspended is not None:
                    return frameLocation(suspended)
        frame = frame.f_back
    return frameLocation(candidate) if candidate is not None else "?"


def callableName(fn):
    """A callable's qualified name, or its type's when it has none (a partial, an instance)."""
    for attribute in ("__qualname__", "__name__"):
        name = getattr(fn, attribute, None)
        if isinstance(name, str):
            return name
    func = getattr(fn, "func", None)  # functools.partial
    if func is not None:
        return f"partial({callableName(func)})"
    return type(fn).__qualname__


_handlerNames = {}


def handlerName(selectable):
    """The class name of a handler (a selectable), the tracer's own subclasses skipped."""
    cls = type(selectable)
    name = _handlerNames.get(cls)
    if name is None:
        name = next((c.__name__ for c in cls.__mro__
                     if not c.__module__.startswith(_PACKAGE + ".") and c.__module__ != _PACKAGE), cls.__name__)
        _handlerNames[cls] = name
    return name


def typeName(cls):
    """An exception type as Twisted's Failure prints it: module and qualified name
    ("builtins.ValueError", "twisted.internet.error.ConnectionDone")."""
    return f"{cls.__module__}.{cls.__qualname__}"
