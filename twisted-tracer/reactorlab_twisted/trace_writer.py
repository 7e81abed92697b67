"""TraceWriter: a reactor-lab-trace v1 file, written line by line exactly as the C++ writer does.

The format is traces/SCHEMA.md. Line 1 is the header; every later line is one event, its keys in
the order seq, t, iter, kind, then the event's own fields in the order they were given, written as
compact JSON: the same bytes `reactor/trace/json_line_writer.cpp` writes for the same event (a
test compares them), so a Twisted trace and one of ours can be compared line by line.

Lines collect in memory and reach the file in large writes of whole lines, so the file always
ends with a complete line. A failure to open the file is an error at once (TraceFileError, naming
the path and the reason); a failed write is remembered, later events are counted as lost, and
close() raises it, as `JsonLinesSink` does. NullTraceWriter is the writer when no trace is asked
for: `on` is False and every hook in the tracer tests it first.

Not here: what the events mean (reactor_events.py and its neighbours emit them), or the time
(clocks.py). Tested in tests/test_trace_writer.py.
"""

import json

SCHEMA = "reactor-lab-trace"
VERSION = 1
FLUSH_AT = 64 * 1024

# Compact JSON with UTF-8 kept as it is: the separators and escapes of nlohmann::json's dump(-1)
# and of our appendJsonString (control characters as \u00XX in lower case, nothing else escaped).
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode
_string = json.encoder.encode_basestring  # a str as a JSON string literal, UTF-8 kept (ensure_ascii off)


class TraceFileError(Exception):
    """The trace file could not be opened, written or closed; the message names it and says why."""


def _utf8(line):
    # A str holding lone surrogates (bytes that were not UTF-8, decoded with surrogateescape)
    # cannot be encoded as it is; like our writer, put U+FFFD in place of each bad byte.
    try:
        return line.encode("utf-8")
    except UnicodeEncodeError:
        raw = line.encode("utf-8", "surrogateescape")
        return raw.decode("utf-8", "replace").encode("utf-8")


def headerLine(program, backend, clock, extra=None):
    """Line 1: the keys every trace has, in our writer's order, then `extra` (a dict) after them."""
    header = {"schema": SCHEMA, "version": VERSION, "program": program, "backend": backend,
              "clock": clock, "time_unit": "ns"}
    if extra:
        header.update(extra)
    return _encode(header) + "\n"


def eventLine(seq, t, iteration, kind, fields):
    """One event as one line. `fields` is a dict (insertion order is the line's order) of None,
    bool, int, str or lists of int, the value types a TraceEvent can hold.

    Written piece by piece rather than through json.dumps of a dict: the trace's hot path (three
    times faster, bench/twisted_trace_cost.sh), and the same text, which the test that writes every
    golden line back checks."""
    parts = ['{"seq":', str(seq), ',"t":', str(t), ',"iter":', str(iteration), ',"kind":', _string(kind)]
    for key, value in fields.items():
        parts.append(",")
        parts.append(_string(key))
        parts.append(":")
        if value is None:
            parts.append("null")
        elif value is True:
            parts.append("true")
        elif value is False:
            parts.append("false")
        elif type(value) is int:
            parts.append(str(value))
        elif type(value) is str:
            parts.append(_string(value))
        elif type(value) is list and all(type(v) is int for v in value):
            parts.append("[" + ",".join(map(str, value)) + "]")
        else:
            parts.append(_encode(value))
    parts.append("}\n")
    return "".join(parts)


class TraceWriter:
    """Stamps each event with its sequence number, time and iteration, and writes it."""

    on = True

    def __init__(self, path, clock, header):
        self.path = path
        self._clock = clock
        try:
            self._file = open(path, "wb")
        except OSError as e:
            raise TraceFileError(f"cannot write trace {path}: {e.strerror}") from None
        self._buffer = [_utf8(header)]
        self._size = len(self._buffer[0])
        self._seq = 0
        self.iteration = 0
        self._error = None
        self._lost = 0
        # Events emitted while one is being written (a Deferred collected in the middle of an
        # emit reports itself from __del__) wait here, so seq numbers stay in file order.
        self._emitting = False
        self._later = []

    def emit(self, kind, fields=None):
        if self._file is None:
            return  # after close: objects collected at interpreter exit have nowhere to go
        if self._emitting:
            self._later.append((kind, fields))
            return
        self._emitting = True
        try:
            self._write(kind, fields)
            while self._later:
                self._write(*self._later.pop(0))
        finally:
            self._emitting = False

    def _write(self, kind, fields):
        if self._error is not None:
            self._lost += 1
            return
        self._seq += 1
        line = _utf8(eventLine(self._seq, self._clock.nowNs(), self.iteration, kind, fields or {}))
        self._buffer.append(line)
        self._size += len(line)
        if self._size >= FLUSH_AT:
            self._writeBuffer()

    def _writeBuffer(self):
        if self._file is None or not self._buffer or self._error is not None:
            return
        data = b"".join(self._buffer)
        self._buffer = []
        self._size = 0
        try:
            self._file.write(data)
            self._file.flush()
        except OSError as e:
            self._error = f"writing trace {self.path}: {e.strerror}"

    def close(self):
        """Writes what is buffered and closes the file; raises TraceFileError if any write failed."""
        if self._file is None:
            return
        self._writeBuffer()
        file, self._file = self._file, None
        try:
            file.close()
        except OSError as e:
            if self._error is None:
                self._error = f"closing trace {self.path}: {e.strerror}"
        if self._error is not None:
            raise TraceFileError(f"{self._error} (the trace is incomplete: {self._lost} later events "
                                 f"were not written)")


class NullTraceWriter:
    """No trace asked for: nothing is built, nothing is written."""

    on = False
    iteration = 0

    def emit(self, kind, fields=None):
        pass

    def close(self):
        pass
