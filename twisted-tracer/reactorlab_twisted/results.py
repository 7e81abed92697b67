"""How a trace writes a result: a Deferred's value or Failure, a reason, an error.

As our writer does (reactor/deferred/result.cpp:/^std::string Result::summary/, traces/SCHEMA.md
"Deferreds"): a value as its compact JSON text ("42", "\"hello\"", "[1,2]", keys sorted as
nlohmann::json sorts them), a Failure or exception as "Type: message" with the type as Twisted's
Failure prints it ("builtins.ValueError: boom"; the type alone when the message is empty, as
Python prints it); either cut to 200 bytes of UTF-8 followed by
"...(truncated)". Python has values JSON has not; they are written so that the text is the same
on every run:
  - bytes, tuples of non-JSON things, sets, ... as repr(), with any "0x7f..." address in it
    written as "0x?" (a default repr names an address that changes every run);
  - a Deferred as "<Deferred N>", its logical id in the trace (given by `deferredName`).
Tested in tests/test_results.py.
"""

import json
import math
import re

MAX_SUMMARY = 200
_ADDRESS = re.compile(r"0x[0-9a-fA-F]{4,}")
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True,
                           allow_nan=False).encode

# Set by deferreds.py while it is installed: Deferred -> "<Deferred N>".
deferredName = None


def cut(text):
    raw = text.encode("utf-8", "surrogateescape")
    if len(raw) <= MAX_SUMMARY:
        return text
    return raw[:MAX_SUMMARY].decode("utf-8", "replace") + "...(truncated)"


def _jsonable(value):
    if value is None or isinstance(value, (bool, int, str)):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, (list, tuple)):
        return all(_jsonable(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _jsonable(v) for k, v in value.items())
    return False


def errorText(error):
    """An exception instance, an exception type or a Failure as "Type: message"."""
    value = getattr(error, "value", None) if _isFailure(error) else error
    if isinstance(value, type) and issubclass(value, BaseException):
        value = value()
    cls = type(value)
    message = _safeStr(value)
    name = f"{cls.__module__}.{cls.__qualname__}"
    return f"{name}: {message}" if message else name  # as Python prints an exception with no message


def _isFailure(thing):
    from twisted.python.failure import Failure
    return isinstance(thing, Failure)


def _safeStr(value):
    try:
        return str(value)
    except Exception as e:  # a __str__ that raises must not take the trace down
        return f"<str() raised {type(e).__name__}>"


def valueText(value):
    """Any Python value as the trace writes it (see the module header), not yet cut."""
    if _isFailure(value) or isinstance(value, BaseException):
        return errorText(value)
    if deferredName is not None:
        name = deferredName(value)
        if name is not None:
            return name
    if _jsonable(value):
        return _encode(value)
    try:
        text = repr(value)
    except Exception as e:
        text = f"<{type(value).__qualname__}: repr() raised {type(e).__name__}>"
    return _ADDRESS.sub("0x?", text)


def summary(value):
    return cut(valueText(value))
