#!/bin/sh
# A trace that cannot be written: a path whose directory does not exist, a path under a regular
# file, and /dev/full (every write fails with ENOSPC), for a lesson program (whose small trace
# is written at the end) and for echo-server (the paths it cannot open). Each must end with exit code 1 and a message naming the file,
# never a crash (signal, abort, sanitizer report) and never exit 0 as if the trace were fine.
# usage: trace_write_errors.sh ECHO_SERVER ECHO_LOAD LESSON WORKDIR (ECHO_LOAD unused for now)
set -u
server=$1 load=$2 lesson=$3 dir=$4
mkdir -p "$dir"
: > "$dir/a-file"
fail=0

# expect NAME STATUS ERRFILE PATH: the run's exit status must be 1 and ERRFILE must name PATH.
expect() {
  name=$1 status=$2 errors=$3 path=$4
  if [ "$status" -ne 1 ]; then echo "$name: exit status $status, expected 1"; fail=1; fi
  if ! grep -qF "$path" "$errors"; then echo "$name: the message does not name $path:"; cat "$errors"; fail=1; fi
  if grep -qE 'Sanitizer|terminate called|Aborted|Segmentation' "$errors"; then echo "$name: crashed:"; cat "$errors"; fail=1; fi
  echo "$name: $(head -n 1 "$errors")"
}

for path in "$dir/no-such-dir/t.jsonl" "$dir/a-file/t.jsonl" /dev/full; do
  "$lesson" --trace "$path" > /dev/null 2> "$dir/lesson.err"
  expect "lesson, $path" $? "$dir/lesson.err" "$path"
done

for path in "$dir/no-such-dir/t.jsonl" "$dir/a-file/t.jsonl"; do
  "$server" --port 0 --trace "$path" > /dev/null 2> "$dir/server.err"
  expect "echo-server, $path" $? "$dir/server.err" "$path"
done

exit $fail
