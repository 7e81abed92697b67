#!/usr/bin/env bash
# The playground (scripts/play, ./scripts/run --play), on an already-built tree and with no
# display: a file that does not exist yet becomes the starting program and replays; a program
# that does not compile shows the compiler's file:line message and exits 1 without running; one
# that throws says so and exits non-zero; a Twisted one replays too. Nothing tracked changes.
#   play_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1 build=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset DISPLAY
fail() { echo "playground test: $1" >&2; echo "--- its output:" >&2; cat "$work/out" >&2; exit 1; }
tracked_before=$(git -C "$src" status --porcelain 2>/dev/null || true)

# A new file: created from the starter, built, run, replayed as a snapshot.
rc=0; "$src/scripts/play" --build-dir "$build" "$work/new/mine.cpp" >"$work/out" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || fail "the starting program exited $rc"
cmp -s "$work/new/mine.cpp" "$src/lessons/playground/starter.cpp" || fail "the new file is not the starting program"
grep -q "did not exist: it is now a starting program" "$work/out" || fail "it did not say it created the file"
grep -q "timer: three seconds, stopping the loop" "$work/out" || fail "the program's own output is missing"
[ -s "$build/play/mine-cpp/mine.jsonl" ] || fail "no trace in build/play/mine-cpp/"
grep -q "no display: writing a snapshot to $build/play/mine-cpp/mine.png" "$work/out" || fail "it did not name the snapshot"
"$build/bin/png-not-blank" "$build/play/mine-cpp/mine.png" >/dev/null || fail "the snapshot is blank"
[ "$(ls "$work/new")" = mine.cpp ] || fail "build products were written beside the program"

# One that does not compile: the compiler's message with file and line, exit 1, nothing run.
printf '#include "lesson_main.h"\nint main() {\n    return undeclared_name;\n}\n' >"$work/broken.cpp"
rc=0; "$src/scripts/play" --build-dir "$build" "$work/broken.cpp" >"$work/out" 2>&1 || rc=$?
[ "$rc" -eq 1 ] || fail "a program that does not compile exited $rc, not 1"
grep -q "$work/broken.cpp:3:.*error: .undeclared_name. was not declared" "$work/out" || fail "no compiler message with file:line"
grep -q "does not compile (the compiler's messages are above); nothing was run" "$work/out" || fail "it did not say it stopped"
grep -q "== running" "$work/out" && fail "it ran a program that did not compile"

# One that throws (out of its set-up, so past the loop, which logs and survives what its callbacks
# throw, as Twisted's does): its message and a non-zero exit.
cat >"$work/throws.cpp" <<'PROGRAM'
#include <chrono>
#include <stdexcept>
#include "lesson_main.h"
using namespace std::chrono_literals;
int main(int argc, char** argv) {
    return lesson::runLesson(argc, argv, "throws", [](lab::Reactor& reactor) {
        reactor.callLater(1s, [&reactor] { reactor.stop(); });
        throw std::runtime_error("the playground's own failure");
    });
}
PROGRAM
rc=0; "$src/scripts/play" --build-dir "$build" "$work/throws.cpp" >"$work/out" 2>&1 || rc=$?
[ "$rc" -eq 1 ] || fail "a program that throws exited $rc, not 1"
grep -q "throws: the playground's own failure" "$work/out" || fail "the exception's message is not shown"
grep -q "throws.cpp exited with status 1" "$work/out" || fail "it did not say the program failed"

# A Twisted program, where the tracer can run.
if /usr/bin/python3 -c "import twisted" 2>/dev/null; then
  rc=0; "$src/scripts/play" --build-dir "$build" "$work/mine.py" >"$work/out" 2>&1 || rc=$?
  [ "$rc" -eq 0 ] || fail "the starting Twisted program exited $rc"
  grep -q '"twisted"' "$build/play/mine-py/mine.jsonl" || fail "the Twisted program's trace has no twisted header"
  printf 'def broken(:\n' >"$work/syntax.py"
  rc=0; "$src/scripts/play" --build-dir "$build" "$work/syntax.py" >"$work/out" 2>&1 || rc=$?
  [ "$rc" -ne 0 ] || fail "a Python program with a syntax error exited 0"
  grep -q "SyntaxError" "$work/out" || fail "no SyntaxError shown"
fi

# Bad input: a clear message and exit 2.
rc=0; "$src/scripts/play" --build-dir "$build" "$work/notes.txt" >"$work/out" 2>&1 || rc=$?
[ "$rc" -eq 2 ] && grep -q "ends in .cpp (C++) or .py" "$work/out" || fail "a .txt file was not refused with exit 2"

[ "$(git -C "$src" status --porcelain 2>/dev/null || true)" = "$tracked_before" ] || fail "the playground changed the checkout"
echo "playground test: new, broken, throwing and Twisted programs behave"
