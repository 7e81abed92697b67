"""Deferreds: Twisted's Deferred, traced with our Deferred kinds (traces/SCHEMA.md "Deferreds").

Deferreds are made everywhere (by the program, by Twisted's own modules, which imported the
class long before the program ran), so a subclass would miss most of them, and swapping the
module's class would break defer.py's own isinstance checks. Instead, while a trace runs, the
class's public methods are wrapped in place (install/uninstall), each calling Twisted's own:

  __init__        deferred_created: a logical id (1, 2, ... per run), a label (the function that
                  made it: "succeed", "deferLater", "EchoClient.connectionMade", or the class for
                  a subclass: "DeferredList"; "deferred N" at module level) and `at`.
  addCallbacks    deferred_pair_added (addCallback/addErrback/addBoth come through it: the side
                  is told by Twisted's passthru/_failthru fillers). Each callable of the pair is
                  wrapped so that, when _runCallbacks calls it, deferred_callback_ran says its
                  input and output and the side the chain is on next; Twisted's fillers are left
                  as they are, so a pass-through writes nothing, as ours (a gap in `pair`).
  callback/errback  deferred_fired (not when Twisted ignores it: a cancelled Deferred's late fire).
  pause/unpause   deferred_paused / deferred_resumed with `on`/`from` null; a pause that
                  _runCallbacks makes because a callback returned an unfired Deferred is paused
                  `on` that one, with the continuation pair Twisted appends to it (_CONTINUE).
  paused          (a property while installed) _runCallbacks resumes the waiting Deferred by
                  `chainee.paused -= 1`, not by unpause(): the property sees that decrement and
                  writes deferred_resumed `from` the inner one, with the result handed on.
  cancel          deferred_cancelled: unfired, waiting (forwarded to the inner one) or fired.
  addTimeout      tells the reactor that the next callLater is this Deferred's timeout, so that
                  its timer writes deferred_timed_out before it cancels (timers.py).
  unhandled       each traced Deferred gets a TracedDebugInfo (a DebugInfo subclass) up front;
                  Twisted reports an unhandled Failure from DebugInfo.__del__, and ours writes
                  deferred_unhandled first. Twisted's own report (stderr at exit) is unchanged.

Results are written by results.py. Not here: the reactor (Deferreds do not need one).
Tested in tests/test_deferreds.py.
"""

import functools

from twisted.internet import defer
from twisted.python.failure import Failure

from . import names, results

Deferred = defer.Deferred
_DEFER_PY = defer.__file__
_WRAPPED = ("__init__", "addCallbacks", "callback", "errback", "pause", "unpause", "cancel", "addTimeout")

_active = None    # the DeferredTrace while installed
_original = {}    # method name -> Twisted's function


class _Info:
    """What the trace knows of one Deferred."""

    __slots__ = ("id", "label", "at", "pairs", "waitingOn", "unpausing")

    def __init__(self, id, label, at):
        self.id, self.label, self.at = id, label, at
        self.pairs = 0
        self.waitingOn = None   # set by a callback that returned an unfired Deferred, until pause()
        self.unpausing = False  # inside unpause(): its own decrement is not a continuation


def _info(d):
    return d.__dict__.get("_labInfo") if _active is not None else None


class DeferredTrace:
    def __init__(self, emit):
        self.emit = emit
        self.lastId = 0


def install(emit):
    """Trace every Deferred from now on into emit(kind, fields); ids start at 1."""
    global _active
    if _active is not None:
        raise RuntimeError("Deferred tracing is already installed")
    for name in _WRAPPED:
        _original[name] = Deferred.__dict__[name]
        setattr(Deferred, name, _wrappers[name])
    Deferred.paused = property(_getPaused, _setPaused)
    _active = DeferredTrace(emit)
    results.deferredName = _deferredName


def uninstall():
    global _active
    if _active is None:
        return
    for name in _WRAPPED:
        setattr(Deferred, name, _original[name])
    Deferred.paused = 0
    _active = None
    results.deferredName = None


def _deferredName(value):
    if isinstance(value, Deferred):
        info = _info(value)
        return f"<Deferred {info.id}>" if info is not None else "<Deferred>"
    return None


def _creatorLabel(d, frame, id):
    if type(d) is not Deferred:
        return names.handlerName(d)  # a subclass: DeferredList
    while frame is not None and frame.f_code.co_name == "__init__" and frame.f_locals.get("self") is d:
        frame = frame.f_back
    while frame is not None and names._ownFile(frame.f_code.co_filename):
        frame = frame.f_back
    qualname = frame.f_code.co_qualname if frame is not None else "<module>"
    return f"deferred {id}" if qualname == "<module>" else qualname


def _init(self, canceller=None):
    _original["__init__"](self, canceller)
    trace = _active
    if trace is None:
        return
    import sys
    trace.lastId += 1
    info = _Info(trace.lastId, _creatorLabel(self, sys._getframe(1), trace.lastId),
                 names.callerLocation(skipFiles=(_DEFER_PY,)))
    self.__dict__["_labInfo"] = info
    _giveDebugInfo(self, info)
    trace.emit("deferred_created", {"deferred": info.id, "label": info.label, "at": info.at})


def _sideOf(callback, errback):
    if errback is defer._failthru or errback is None:
        return "callback"
    if callback is defer.passthru:
        return "errback"
    if callback is errback:
        return "both"
    return "callbacks"


def _pairLabel(side, callback, errback):
    target = getattr(callback, "__self__", None)
    if (isinstance(target, Deferred) and getattr(errback, "__self__", None) is target
            and getattr(callback, "__name__", "") == "callback" and _info(target) is not None):
        return f"chain to deferred {_info(target).id}"  # chainDeferred, as ours labels it
    return names.callableName(errback if side == "errback" else callback)


def _addCallbacks(self, callback, errback=None, callbackArgs=(), callbackKeywords=defer._NONE_KWARGS,
                  errbackArgs=(), errbackKeywords=defer._NONE_KWARGS):
    info = _info(self)
    if info is not None and callable(callback) and (errback is None or callable(errback)):
        side = _sideOf(callback, errback)
        info.pairs += 1
        _active.emit("deferred_pair_added", {"deferred": info.id, "pair": info.pairs, "side": side,
                                             "label": _pairLabel(side, callback, errback),
                                             "at": names.callerLocation(skipFiles=(_DEFER_PY,))})
        same = callback is errback
        if callback is not defer.passthru:
            callback = _ran(self, info, info.pairs, "callback", callback)
        if errback is not None and errback is not defer._failthru:
            errback = callback if same else _ran(self, info, info.pairs, "errback", errback)
    return _original["addCallbacks"](self, callback, errback, callbackArgs, callbackKeywords,
                                     errbackArgs, errbackKeywords)


def _ran(owner, info, pair, side, fn):
    """fn, reporting each run as deferred_callback_ran. With addBoth one wrapper serves both
    sides, so the side is read from the result it is given."""
    label = names.callableName(fn)

    @functools.wraps(fn)
    def ran(result, *args, **kw):
        trace = _active
        if trace is None:
            return fn(result, *args, **kw)
        ranSide = "errback" if isinstance(result, Failure) else "callback"
        given = results.summary(result)
        try:
            out = fn(result, *args, **kw)
        except BaseException as e:
            _reportRan(trace, info, pair, ranSide, label, given, results.cut(results.errorText(e)), "errback")
            raise
        if isinstance(out, Deferred) and not _hasResult(out):
            info.waitingOn = out  # _runCallbacks pauses `owner` on it next (see _pause)
            _reportRan(trace, info, pair, ranSide, label, given, None, "wait")
        else:
            value = out.result if isinstance(out, Deferred) else out  # a fired one is taken at once
            nextSide = "errback" if isinstance(value, Failure) else "callback"
            _reportRan(trace, info, pair, ranSide, label, given, results.summary(value), nextSide)
        return out

    return ran


def _hasResult(d):
    # As _runCallbacks decides whether it can take a returned Deferred's result now.
    result = d.__dict__.get("result", defer._NO_RESULT)
    return result is not defer._NO_RESULT and not isinstance(result, Deferred) and not d.paused


def _reportRan(trace, info, pair, side, label, given, output, nextSide):
    trace.emit("deferred_callback_ran", {"deferred": info.id, "pair": pair, "side": side, "label": label,
                                         "input": given, "output": output, "next": nextSide})


def _fired(d, result):
    info = _info(d)
    if info is not None and not d.called:
        _active.emit("deferred_fired", {"deferred": info.id, "failed": isinstance(result, Failure),
                                        "result": results.summary(result)})


def _callback(self, result):
    _fired(self, result)
    return _original["callback"](self, result)


def _errback(self, fail=None):
    # Made here, as Twisted's errback would, so the trace can say what it is before it runs.
    if fail is None:
        fail = Failure(captureVars=self.debug)
    elif not isinstance(fail, Failure):
        fail = Failure(fail)
    _fired(self, fail)
    return _original["errback"](self, fail)


def _pause(self):
    info = _info(self)
    inner = info.waitingOn if info is not None else None
    _original["pause"](self)
    if info is None:
        return
    info.waitingOn = None
    innerInfo = _info(inner) if inner is not None else None
    _active.emit("deferred_paused", {"deferred": info.id, "on": innerInfo.id if innerInfo else None})
    if innerInfo is not None:
        innerInfo.pairs += 1
        _active.emit("deferred_pair_added", {"deferred": innerInfo.id, "pair": innerInfo.pairs,
                                             "side": "continuation", "label": f"resume deferred {info.id}",
                                             "at": info.at})


def _unpause(self):
    info = _info(self)
    if info is not None:
        info.unpausing = True
        _active.emit("deferred_resumed", {"deferred": info.id, "from": None})
    return _original["unpause"](self)


def _getPaused(self):
    return self.__dict__.get("_labPaused", 0)


def _setPaused(self, value):
    before = self.__dict__.get("_labPaused", 0)
    self.__dict__["_labPaused"] = value
    info = _info(self)
    if info is None or value >= before:
        return
    if info.unpausing:
        info.unpausing = False
        return
    # _runCallbacks reached the continuation pair: the inner Deferred's result is ours now.
    inner = _info(self._chainedTo) if self._chainedTo is not None else None
    _active.emit("deferred_resumed", {"deferred": info.id, "from": inner.id if inner else None,
                                      "result": results.summary(self.__dict__.get("result"))})


def _cancel(self):
    info = _info(self)
    if info is not None:
        waiting = isinstance(self.__dict__.get("result"), Deferred)
        state = "unfired" if not self.called else "waiting" if waiting else "fired"
        _active.emit("deferred_cancelled", {"deferred": info.id, "state": state})
    return _original["cancel"](self)


def _addTimeout(self, timeout, clock, onTimeoutCancel=None):
    info = _info(self)
    announce = getattr(clock, "_labExpectTimeout", None)
    if info is not None and announce is not None:
        announce(info.id, timeout)
    return _original["addTimeout"](self, timeout, clock, onTimeoutCancel)


class TracedDebugInfo(defer.DebugInfo):
    """Twisted's DebugInfo, which reports an unhandled Failure when it is collected with its
    Deferred; this one writes deferred_unhandled first."""

    _labDeferred = None
    _labLabel = ""

    def __del__(self):
        trace = _active
        if self.failResult is not None and trace is not None:
            trace.emit("deferred_unhandled", {"deferred": self._labDeferred, "label": self._labLabel,
                                              "failure": results.cut(results.errorText(self.failResult))})
        super().__del__()


def _giveDebugInfo(d, info):
    debugInfo = d._debugInfo
    if debugInfo is None:
        debugInfo = TracedDebugInfo()
    else:
        debugInfo.__class__ = TracedDebugInfo  # Deferred.debug made one already, with its creator
    debugInfo._labDeferred = info.id
    debugInfo._labLabel = info.label
    d._debugInfo = debugInfo


_wrappers = {"__init__": _init, "addCallbacks": _addCallbacks, "callback": _callback, "errback": _errback,
             "pause": _pause, "unpause": _unpause, "cancel": _cancel, "addTimeout": _addTimeout}
for _name, _fn in _wrappers.items():
    functools.update_wrapper(_fn, getattr(Deferred, _name))
