#!/bin/sh
# Smoke test for tools/: start echo-server on port 0, read its port, run echo-load against it for
# one second, stop the server with SIGINT, and check: load had no errors and some messages, the
# server exited 0, and its trace ends with a whole line.
# usage: echo_smoke.sh ECHO_SERVER ECHO_LOAD WORKDIR
set -u
. "$(dirname "$0")/../../scripts/lib/start_server.sh"
server=$1 load=$2 dir=$3
mkdir -p "$dir"
rm -f "$dir/trace.jsonl"
start_server "$dir" "$server" --port 0 --backend poll --trace "$dir/trace.jsonl"
"$load" --port "$port" --connections 4 --size 256 --seconds 1 > "$dir/load.txt"
load_status=$?
cat "$dir/load.txt"
kill -INT "$pid"
wait "$pid"
server_status=$?
fail=0
[ "$load_status" -eq 0 ] || { echo "echo-load exited $load_status"; fail=1; }
grep -q ' errors 0$' "$dir/load.txt" || { echo "echo-load reported errors"; fail=1; }
grep -q 'messages [1-9]' "$dir/load.txt" || { echo "echo-load completed no message"; fail=1; }
[ "$server_status" -eq 0 ] || { echo "echo-server exited $server_status"; fail=1; }
[ -s "$dir/trace.jsonl" ] || { echo "no trace written"; fail=1; }
[ "$(tail -c 1 "$dir/trace.jsonl" | od -An -c | tr -d ' ')" = '\n' ] || { echo "the trace's last line is cut"; fail=1; }
tail -n 1 "$dir/trace.jsonl" | grep -q '^{.*}$' || { echo "the trace's last line is not a whole object"; fail=1; }
grep -q '"kind":"run_end"' "$dir/trace.jsonl" || { echo "the trace has no run_end: the loop did not stop cleanly"; fail=1; }
exit $fail
