#!/usr/bin/env bash
# reactor-quiz, the terminal quiz behind ./scripts/run --quiz NN, as a program: answers piped in,
# none at all (CI: it must stop, never wait), and bad arguments.
#   quiz_cli_test.sh REACTOR_QUIZ SOURCE_DIR
set -euo pipefail
quiz=$1 src=$2
golden="$src/lessons/03-echo-server/expected.jsonl"
out=$(mktemp); trap 'rm -f "$out"' EXIT
fail() { echo "quiz test: $1" >&2; cat "$out" >&2; exit 1; }

rc=0; "$quiz" "$golden" </dev/null >"$out" 2>&1 || rc=$?
[ "$rc" -eq 1 ] || fail "with no input it exited $rc, not 1"
grep -q "The input ended before this answer: the quiz stops here (4 not answered)." "$out" || fail "no end-of-input message"

rc=0; printf 'x\ns\ns\ns\ns\n' | "$quiz" "$golden" >"$out" 2>&1 || rc=$?
[ "$rc" -eq 1 ] || fail "four skips exited $rc, not 1"
grep -q "'x' is not an answer: type a number from 1 to" "$out" || fail "bad input had no clear message"
grep -q "Score: 0 of 4 right, 4 skipped. Not passed yet (3 right pass)." "$out" || fail "no score line"

# The same questions every time; another seed may ask them another way.
first=$(printf 's\ns\ns\ns\n' | "$quiz" "$golden" || true)
again=$(printf 's\ns\ns\ns\n' | "$quiz" "$golden" || true)
[ "$first" = "$again" ] || fail "two runs asked different questions"

rc=0; "$quiz" >"$out" 2>&1 || rc=$?
[ "$rc" -eq 2 ] && grep -q "which trace?" "$out" || fail "no trace: not a usage error"
rc=0; "$quiz" "$golden" --seed banana >"$out" 2>&1 || rc=$?
[ "$rc" -eq 2 ] && grep -q "\-\-seed takes a positive whole number, not 'banana'" "$out" || fail "a bad seed was not refused"
rc=0; "$quiz" "$src/traces/edge/garbage.jsonl" >"$out" 2>&1 || rc=$?
[ "$rc" -eq 2 ] && grep -q "garbage.jsonl:1: not valid JSON" "$out" || fail "a broken trace was not refused with where and why"
echo "quiz test: piped answers, no input and bad arguments behave"
