#!/bin/sh
# Smoke test for threaded-echo-server: start it on port 0 with a trace, send a fixed number of
# messages over several connections with echo-load (which checks every echoed byte), stop it with
# SIGINT, and check: every message came back, the server exited 0, the trace reads back cleanly
# (golden-compare reads both files with the trace reader; a trace equals itself only when it has
# no bad line), and it has one lane per thread: main plus one per connection, each started and
# exited, and each connection thread woke from read with bytes.
# usage: threaded_echo_smoke.sh THREADED_ECHO_SERVER ECHO_LOAD GOLDEN_COMPARE WORKDIR
set -u
. "$(dirname "$0")/../../scripts/lib/start_server.sh"
server=$1 load=$2 compare=$3 dir=$4
connections=5 messages=40
mkdir -p "$dir"
rm -f "$dir/trace.jsonl"
start_server "$dir" "$server" --port 0 --trace "$dir/trace.jsonl"
"$load" --port "$port" --connections $connections --messages $messages --size 3000 > "$dir/load.txt"
load_status=$?
cat "$dir/load.txt"
kill -INT "$pid"
wait "$pid"
server_status=$?
fail=0
[ "$load_status" -eq 0 ] || { echo "echo-load exited $load_status"; fail=1; }
grep -q "^messages $((connections * messages)) .* errors 0$" "$dir/load.txt" ||
  { echo "expected $((connections * messages)) messages echoed intact"; fail=1; }
[ "$server_status" -eq 0 ] || { echo "threaded-echo-server exited $server_status"; fail=1; }
"$compare" "$dir/trace.jsonl" "$dir/trace.jsonl" || { echo "the trace does not read back cleanly"; fail=1; }
head -n 1 "$dir/trace.jsonl" | grep -q '"program":"threaded-echo-server","backend":"threads","clock":"system"' ||
  { echo "the trace header does not name the threaded server"; fail=1; }
count() { grep -c "$1" "$dir/trace.jsonl"; }
lanes=$(grep '"kind":"thread_started"' "$dir/trace.jsonl" | sed 's/.*"thread":\([0-9]*\).*/\1/' | sort -u | wc -l)
[ "$lanes" -eq $((connections + 1)) ] || { echo "expected $((connections + 1)) thread lanes, found $lanes"; fail=1; }
[ "$(count '"kind":"thread_exited"')" -eq $((connections + 1)) ] || { echo "not every thread exited in the trace"; fail=1; }
[ "$(count '"kind":"thread_woke","thread":1,"call":"accept"')" -eq $connections ] ||
  { echo "main did not wake from accept once per connection"; fail=1; }
for thread in $(seq 2 $((connections + 1))); do
  grep -q "\"kind\":\"thread_woke\",\"thread\":$thread,\"call\":\"read\",\"fd\":[0-9]*,\"bytes\":[1-9]" "$dir/trace.jsonl" ||
    { echo "connection thread $thread never read any bytes"; fail=1; }
done
tail -n 1 "$dir/trace.jsonl" | grep -q '"kind":"thread_exited","thread":1,' || { echo "main's exit is not the last line"; fail=1; }
exit $fail
