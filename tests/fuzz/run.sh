#!/bin/sh
# Runs every libFuzzer target for a bounded time, one after the other, and fails if any crashed,
# leaked, hung or broke one of its invariants.
#   tests/fuzz/run.sh [BUILD_DIR] [SECONDS_PER_TARGET]      (defaults: build-fuzz, 60)
# Build the targets first: cmake --preset fuzz && cmake --build --preset fuzz
# Each target starts from its committed seeds (tests/fuzz/corpus/<target>/, read only) and
# writes what it discovers to BUILD_DIR/fuzz-work/<target>/corpus; a crashing input is saved as
# BUILD_DIR/fuzz-work/<target>/crash-* and its path printed. Turn each one into a Catch2
# regression test holding the input (see README.md in this folder) before fixing it.
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build-fuzz}
seconds=${2:-60}
case "$seconds" in ''|*[!0-9]*) echo "run.sh: SECONDS_PER_TARGET must be a whole number, got '$seconds'" >&2; exit 2 ;; esac
failed=0
for target in trace_reader line_receiver request_parser; do
  binary="$build/bin/fuzz-$(echo "$target" | tr _ -)"
  if [ ! -x "$binary" ]; then
    echo "run.sh: $binary is missing: cmake --preset fuzz && cmake --build --preset fuzz" >&2
    exit 2
  fi
  work="$build/fuzz-work/$target"
  mkdir -p "$work/corpus"
  echo "== fuzz-$target: ${seconds}s"
  # -timeout: one input taking over 10 s is a hang and a failure. -rss_limit_mb: a leak or
  # unbounded buffering fails the run instead of swapping the machine.
  if "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 \
       -artifact_prefix="$work/" "$work/corpus" "$here/corpus/$target" > "$work/log.txt" 2>&1; then
    grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$work/log.txt" | tr '\n' ' '
    echo
  else
    failed=1
    echo "fuzz-$target FAILED; the last lines of $work/log.txt:"
    tail -n 40 "$work/log.txt"
    ls "$work"/crash-* "$work"/timeout-* "$work"/leak-* "$work"/oom-* 2>/dev/null
  fi
done
exit $failed
