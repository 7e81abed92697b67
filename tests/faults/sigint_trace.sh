#!/bin/sh
# SIGINT while echo-server is tracing under load: the server must stop its loop, flush, and
# exit 0, leaving a trace whose every line is a whole JSON object (the last one included), with
# seq increasing and run_end in it. The signal is sent once the trace has grown past 2 MB,
# so it lands in the middle of heavy tracing, not after the load.
# usage: sigint_trace.sh ECHO_SERVER ECHO_LOAD WORKDIR
set -u
. "$(dirname "$0")/../../scripts/lib/start_server.sh"
server=$1 load=$2 dir=$3
mkdir -p "$dir"
rm -f "$dir/trace.jsonl"
start_server "$dir" "$server" --port 0 --backend poll --trace "$dir/trace.jsonl"
"$load" --port "$port" --connections 32 --size 64 --seconds 20 > "$dir/load.txt" 2>&1 &
load_pid=$!
# Wait (bounded: 20 s) for the trace to pass 2 MB.
tries=0
while [ "$(stat -c %s "$dir/trace.jsonl" 2>/dev/null || echo 0)" -lt 2000000 ] && [ $tries -lt 400 ]; do
  sleep 0.05
  tries=$((tries + 1))
done
size_at_signal=$(stat -c %s "$dir/trace.jsonl" 2>/dev/null || echo 0)
kill -INT "$pid"
wait "$pid"
server_status=$?
kill "$load_pid" 2>/dev/null
wait "$load_pid" 2>/dev/null
fail=0
[ "$size_at_signal" -ge 2000000 ] || { echo "the trace never reached 2 MB under load ($size_at_signal bytes)"; fail=1; }
[ "$server_status" -eq 0 ] || { echo "echo-server exited $server_status:"; cat "$dir/server.err"; fail=1; }
[ "$(tail -c 1 "$dir/trace.jsonl" | od -An -c | tr -d ' ')" = '\n' ] || { echo "the trace's last line is cut"; fail=1; }
/usr/bin/python3 - "$dir/trace.jsonl" <<'PY' || fail=1
import json, sys
path = sys.argv[1]
last_seq, stopped, count = 0, False, 0
with open(path, "rb") as trace:
    for number, line in enumerate(trace, 1):
        try:
            event = json.loads(line)
        except ValueError as error:
            sys.exit(f"{path}:{number}: not a whole JSON object: {error}")
        if number == 1:
            continue
        if event["seq"] <= last_seq:
            sys.exit(f"{path}:{number}: seq {event['seq']} after {last_seq}")
        last_seq, count = event["seq"], count + 1
        stopped = stopped or event["kind"] == "run_end"
# run_end, then the port and connections closing as main() cleans up.
if not stopped:
    sys.exit(f"{path}: no run_end: the loop did not stop cleanly")
print(f"{count} events, all whole lines, with run_end")
PY
rm -f "$dir/trace.jsonl"
exit $fail
