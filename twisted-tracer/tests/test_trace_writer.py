"""trace_writer.py: the C++ writer's bytes, and honest failures."""

import glob
import json
import os
import unittest

from reactorlab_twisted import trace_writer
from reactorlab_twisted.clocks import ManualClock
from reactorlab_twisted.trace_writer import NullTraceWriter, TraceFileError, TraceWriter, eventLine, headerLine

from . import support


def ourTraces():
    root = support.PROJECT_ROOT
    return sorted(glob.glob(os.path.join(root, "lessons", "*", "expected.jsonl")) +
                  glob.glob(os.path.join(root, "traces", "samples", "*.jsonl")))


class SameBytesAsOurWriter(unittest.TestCase):
    def test_every_line_of_every_golden_trace_is_written_back_byte_for_byte(self):
        """Each event of the C++ lessons' golden traces and samples (written by
        reactor/trace/json_line_writer.cpp), parsed and written again by eventLine, is the same bytes."""
        files = ourTraces()
        self.assertGreater(len(files), 10)
        checked = 0
        for path in files:
            with open(path, "rb") as f:
                lines = f.read().split(b"\n")[:-1]
            header = json.loads(lines[0])
            again = headerLine(header["program"], header["backend"], header["clock"]).encode()
            self.assertEqual(again, lines[0] + b"\n", path)
            for raw in lines[1:]:
                event = json.loads(raw)
                seq, t, it, kind = (event.pop(k) for k in ("seq", "t", "iter", "kind"))
                self.assertEqual(eventLine(seq, t, it, kind, event).encode("utf-8"), raw + b"\n", path)
                checked += 1
        self.assertGreater(checked, 2000)

    def test_text_is_escaped_as_our_writer_escapes_it(self):
        """appendJsonString: printable ASCII and UTF-8 as they are; quote, backslash and the named
        controls escaped; other controls as \\u00XX in lower case."""
        line = eventLine(1, 0, 0, "error_logged", {"error": 'a "q" \\ \n\t\r\b\f \x01\x1f é 漢 🙂 \x7f'})
        self.assertEqual(line, '{"seq":1,"t":0,"iter":0,"kind":"error_logged","error":'
                               '"a \\"q\\" \\\\ \\n\\t\\r\\b\\f \\u0001\\u001f é 漢 🙂 \x7f"}\n')

    def test_fields_keep_their_order_and_lists_are_compact(self):
        line = eventLine(7, 5, 2, "wait_end", {"readable": [3, 4], "writable": [], "disconnected": [9]})
        self.assertEqual(line, '{"seq":7,"t":5,"iter":2,"kind":"wait_end","readable":[3,4],"writable":[],"disconnected":[9]}\n')
        self.assertEqual(eventLine(1, 0, 0, "x", {"timeout_ns": None, "failed": False}),
                         '{"seq":1,"t":0,"iter":0,"kind":"x","timeout_ns":null,"failed":false}\n')

    def test_the_twisted_header_field_comes_after_ours(self):
        self.assertEqual(headerLine("p.py", "poll", "manual", {"twisted": {"version": "22.4.0", "reactor": "R"}}),
                         '{"schema":"reactor-lab-trace","version":1,"program":"p.py","backend":"poll","clock":"manual",'
                         '"time_unit":"ns","twisted":{"version":"22.4.0","reactor":"R"}}\n')


class Writing(unittest.TestCase):
    def test_events_are_stamped_with_seq_time_and_iteration_and_the_file_ends_with_a_whole_line(self):
        clock = ManualClock()
        path = support.scratch("stamped.jsonl")
        writer = TraceWriter(path, clock, headerLine("p", "select", "manual"))
        writer.emit("run_begin")
        writer.iteration = 1
        clock.advanceTo(1.5)
        writer.emit("timer_fired", {"timer": 1})
        writer.close()
        with open(path, "rb") as f:
            data = f.read()
        self.assertTrue(data.endswith(b"\n"))
        lines = data.decode().splitlines()
        self.assertEqual(lines[1:], ['{"seq":1,"t":0,"iter":0,"kind":"run_begin"}',
                                     '{"seq":2,"t":1500000000,"iter":1,"kind":"timer_fired","timer":1}'])

    def test_an_event_emitted_while_another_is_written_comes_after_it(self):
        """A Deferred collected in the middle of an emit reports from __del__: its line must not
        take the seq of the one being written."""
        path = support.scratch("nested.jsonl")
        writer = TraceWriter(path, ManualClock(), headerLine("p", "select", "manual"))

        original = trace_writer.eventLine

        def building(seq, t, it, kind, fields):
            if kind == "outer":
                writer.emit("deferred_unhandled", {"deferred": 1})
            return original(seq, t, it, kind, fields)

        trace_writer.eventLine = building
        try:
            writer.emit("outer")
        finally:
            trace_writer.eventLine = original
        writer.close()
        _, events = support.readTrace(path)
        self.assertEqual([(e["seq"], e["kind"]) for e in events], [(1, "outer"), (2, "deferred_unhandled")])

    def test_a_path_that_cannot_be_created_is_an_error_naming_it_and_why(self):
        with self.assertRaises(TraceFileError) as raised:
            TraceWriter("/nonexistent-dir/t.jsonl", ManualClock(), "h\n")
        self.assertEqual(str(raised.exception), "cannot write trace /nonexistent-dir/t.jsonl: No such file or directory")

    def test_a_full_disk_is_an_error_at_close_with_what_was_lost_never_silent(self):
        writer = TraceWriter("/dev/full", ManualClock(), headerLine("p", "select", "manual"))
        for i in range(3000):  # more than one buffer's worth: the first write fails, the rest are lost
            writer.emit("bytes_read", {"connection": 1, "bytes": i})
        with self.assertRaises(TraceFileError) as raised:
            writer.close()
        message = str(raised.exception)
        self.assertTrue(message.startswith("writing trace /dev/full: No space left on device (the trace is "
                                           "incomplete: "), message)
        self.assertRegex(message, r"incomplete: [1-9]\d* later events were not written\)$")

    def test_without_a_trace_nothing_is_built(self):
        writer = NullTraceWriter()
        self.assertFalse(writer.on)
        writer.emit("run_begin", {"x": object()})
        writer.close()


if __name__ == "__main__":
    unittest.main()
