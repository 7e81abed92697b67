"""results.py and names.py: how values, failures, code and handlers are named in a trace."""

import os
import unittest

from twisted.internet import defer, error, tcp
from twisted.python.failure import Failure

from reactorlab_twisted import names, results


class Results(unittest.TestCase):
    def test_a_value_is_its_compact_json_with_keys_sorted_as_nlohmann_sorts_them(self):
        self.assertEqual(results.summary(42), "42")
        self.assertEqual(results.summary("hello"), '"hello"')
        self.assertEqual(results.summary([1, 2]), "[1,2]")
        self.assertEqual(results.summary({"b": 1, "a": [True, None]}), '{"a":[true,null],"b":1}')
        self.assertEqual(results.summary(None), "null")
        self.assertEqual(results.summary(0.5), "0.5")

    def test_a_failure_or_exception_is_type_and_message_as_twisted_prints_its_type(self):
        self.assertEqual(results.summary(Failure(ValueError("boom"))), "builtins.ValueError: boom")
        self.assertEqual(results.summary(error.ConnectionDone()),
                         "twisted.internet.error.ConnectionDone: Connection was closed cleanly.")
        self.assertEqual(results.errorText(defer.CancelledError()), "twisted.internet.defer.CancelledError")
        self.assertEqual(results.errorText(error.ConnectionLost), "twisted.internet.error.ConnectionLost: "
                                                                  "Connection to the other side was lost in a non-clean fashion.")

    def test_values_json_cannot_hold_are_written_without_addresses(self):
        self.assertEqual(results.summary(b"hi\n"), "b'hi\\n'")
        text = results.summary(object())
        self.assertRegex(text, r"^<object object at 0x\?>$")
        self.assertEqual(results.summary(float("nan")), "nan")

    def test_a_long_result_is_cut_to_200_bytes_then_marked(self):
        long = results.summary("x" * 500)
        self.assertEqual(long, '"' + "x" * 199 + "...(truncated)")
        self.assertEqual(results.summary("y" * 198), '"' + "y" * 198 + '"')
        cutInCharacter = results.cut("é" * 150)  # 300 bytes: the cut falls inside a character
        self.assertTrue(cutInCharacter.endswith("...(truncated)"))
        self.assertLessEqual(len(cutInCharacter.split("...")[0].encode()), 202)


class Names(unittest.TestCase):
    def test_a_file_under_the_project_is_relative_to_its_root_and_twisted_relative_to_sys_path(self):
        root = names.PROJECT_ROOT
        self.assertEqual(names.sourceFile(os.path.join(root, "lessons", "03-echo-server", "program.py")),
                         "lessons/03-echo-server/program.py")
        self.assertEqual(names.sourceFile(tcp.__file__), "twisted/internet/tcp.py")
        self.assertEqual(names.sourceFile("/nowhere/x.py"), "/nowhere/x.py")

    def test_callables_are_named_by_qualified_name_and_handlers_by_twisteds_class(self):
        class Echo:
            def dataReceived(self, data):
                pass

        self.assertEqual(names.callableName(Echo().dataReceived),
                         "Names.test_callables_are_named_by_qualified_name_and_handlers_by_twisteds_class.<locals>.Echo.dataReceived")
        self.assertEqual(names.callableName(lambda: 0).rpartition(".")[2], "<lambda>")
        from reactorlab_twisted.tcp_tracing import TracingPort, TracingServer
        self.assertEqual(names.handlerName(TracingServer.__new__(TracingServer)), "Server")
        self.assertEqual(names.handlerName(TracingPort.__new__(TracingPort)), "Port")
        self.assertEqual(names.handlerName(Echo()), "Echo")


if __name__ == "__main__":
    unittest.main()
