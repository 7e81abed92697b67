#!/usr/bin/env bash
# A newcomer's path, tested: what the README tells a new user to do on a fresh clone, in order,
# with no display: ./scripts/run, ./scripts/test, then every chapter from 00 to the last one
# (its replay snapshot and its exercise check). Fails when a step errors, takes longer than the
# README promises, or leaves a chapter without a trace to open.
# CI runs it first thing on its clean clone (.ci/run). It creates my-exercises/, the learner's
# folder, so it refuses to run where one already exists (it would be someone's work).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ -e my-exercises ]; then
  echo "newcomer path: my-exercises/ exists here; run this on a fresh clone" >&2
  exit 2
fi
trap 'rm -rf my-exercises' EXIT
unset DISPLAY

# The README's promises ("Two commands" and "The lessons"), in seconds.
first_run_limit=1800   # the first ./scripts/run: install, build everything, open chapter 00
chapter_limit=60       # ./scripts/run NN once built
check_limit=180        # ./scripts/run --check-exercise NN: builds one file, runs its check

step() {  # step LIMIT DESCRIPTION COMMAND... ; the command's exit code is returned
  local limit=$1 what=$2; shift 2
  local start=$SECONDS rc=0
  "$@" >"$log" 2>&1 || rc=$?
  local took=$((SECONDS - start))
  echo "  ${took}s  $what"
  if [ "$took" -gt "$limit" ]; then
    echo "newcomer path: '$what' took ${took}s; the README promises under ${limit}s" >&2
    exit 1
  fi
  return $rc
}
fail() { echo "newcomer path: $1" >&2; echo "--- its output:" >&2; tail -n 40 "$log" >&2; exit 1; }
log=$(mktemp)

echo "newcomer path:"
step "$first_run_limit" "./scripts/run (first time)" ./scripts/run || fail "./scripts/run failed"
first=$(ls -d lessons/[0-9][0-9]-*/ | head -n 1 | xargs basename)
grep -q "Opening the next one" "$log" || fail "./scripts/run did not show the chapter list"
[ -s "build/traces/$first.png" ] || fail "./scripts/run left no snapshot of chapter $first"

step "$first_run_limit" "./scripts/test" ./scripts/test || fail "./scripts/test failed"

for dir in lessons/[0-9][0-9]-*/; do
  name=$(basename "$dir")
  nn=${name%%-*}
  rm -f "build/traces/$name.jsonl" "build/traces/$name.png"
  step "$chapter_limit" "./scripts/run $nn" ./scripts/run "$nn" || fail "./scripts/run $nn failed"
  [ -s "build/traces/$name.jsonl" ] || fail "chapter $nn left no trace to open"
  [ -s "build/traces/$name.png" ] || fail "chapter $nn left no replay snapshot"
  # The starting point of an exercise builds and runs, and its check says it is not done yet.
  rc=0
  step "$check_limit" "./scripts/run --check-exercise $nn" ./scripts/run --check-exercise "$nn" || rc=$?
  [ "$rc" -eq 1 ] || fail "the exercise check of chapter $nn exited with $rc (expected 1: not done yet)"
  grep -q "checks pass" "$log" || fail "the exercise check of chapter $nn gave no verdict"
  [ -s "my-exercises/$name.cpp" ] || fail "the exercise check of chapter $nn made no copy for the learner"
done
echo "newcomer path: every chapter has its trace, its snapshot and a working exercise check"
