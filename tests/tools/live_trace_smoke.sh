#!/bin/sh
# A live trace followed as the server writes it: echo-server runs with REACTOR_LAB_TRACE_LIVE=1
# and `reactor-trace print --follow` reads its trace from the start. echo-load's messages are
# echoed; while the server is still running, its trace already holds their bytes_read and
# bytes_sent events (the live sink writes each iteration at its wait, not when 64 KiB have
# piled up); then SIGINT stops the server, the follower sees run_end and ends by itself, having
# printed every event of the finished file (the same count `reactor-trace stats` gives).
# usage: live_trace_smoke.sh ECHO_SERVER ECHO_LOAD REACTOR_TRACE WORKDIR
set -u
. "$(dirname "$0")/../../scripts/lib/start_server.sh"
server=$1 load=$2 trace_cli=$3 dir=$4
mkdir -p "$dir"
trace="$dir/live.jsonl"
rm -f "$trace"
REACTOR_LAB_TRACE_LIVE=1 start_server "$dir" "$server" --port 0 --backend poll --trace "$trace"
"$trace_cli" print --follow "$trace" > "$dir/followed.txt" 2> "$dir/followed.err" &
follower=$!
"$load" --port "$port" --connections 2 --messages 5 --size 100 > "$dir/load.txt"
load_status=$?
fail=0
[ "$load_status" -eq 0 ] || { echo "echo-load exited $load_status"; cat "$dir/load.txt"; fail=1; }
# The server is still running: what it did is in the file already.
read_events=$(grep -c '"kind":"bytes_read"' "$trace")
sent_events=$(grep -c '"kind":"bytes_sent"' "$trace")
[ "$read_events" -ge 2 ] || { echo "a live trace holds $read_events bytes_read events while the server runs (expected at least 2)"; fail=1; }
[ "$sent_events" -ge 2 ] || { echo "a live trace holds $sent_events bytes_sent events while the server runs (expected at least 2)"; fail=1; }
kill -INT "$pid"
wait "$pid" || { echo "echo-server exited with an error"; cat "$dir/server.err"; fail=1; }
wait "$follower"
follower_status=$?
[ "$follower_status" -eq 0 ] || { echo "print --follow exited $follower_status"; cat "$dir/followed.err"; fail=1; }
events=$(( $(wc -l < "$trace") - 1 ))
tail -n 1 "$dir/followed.txt" | grep -q "^$events of $events events shown$" ||
  { echo "print --follow did not show all $events events:"; tail -n 3 "$dir/followed.txt"; fail=1; }
grep -q "Bytes read" "$dir/followed.txt" || { echo "the followed replay has no 'Bytes read' event"; fail=1; }
exit $fail
