#!/bin/sh
# A trace that cannot be written: a path whose directory does not exist, a path under a regular
# file, and /dev/full (every write fails with ENOSPC), for a lesson program (whose small trace
# is written at the end) and for echo-server (the paths it cannot open, and /dev/full while it
# serves). Each must end with exit code 1 and a message naming the file, never a crash (signal,
# abort, sanitizer report) and never exit 0 as if the trace were fine.
# usage: trace_write_errors.sh ECHO_SERVER ECHO_LOAD LESSON WORKDIR
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

# echo-server tracing to /dev/full while it serves: the first write error is kept and later
# events are counted as lost (JsonLinesSink), the echoes go on unharmed, and SIGINT ends the
# server with exit 1 and the error, instead of an abort from a throw inside a handler.
rm -f "$dir/port.fifo"
mkfifo "$dir/port.fifo"
"$server" --port 0 --trace /dev/full > "$dir/port.fifo" 2> "$dir/server.err" &
pid=$!
exec 3< "$dir/port.fifo"
read -r word port <&3
exec 3<&-
if [ "${word:-}" != port ]; then
  echo "echo-server, /dev/full while serving: it printed no port"; cat "$dir/server.err"; fail=1
else
  "$load" --port "$port" --connections 4 --size 64 --messages 2000 > "$dir/load.out" 2>&1
  loadStatus=$?
  if [ "$loadStatus" -ne 0 ] || ! grep -q " errors 0" "$dir/load.out"; then
    echo "echo-server, /dev/full while serving: the echoes suffered (echo-load exit $loadStatus):"; cat "$dir/load.out"; fail=1
  fi
  kill -INT "$pid"
  wait "$pid"
  expect "echo-server, /dev/full while serving" $? "$dir/server.err" /dev/full
fi

exit $fail
