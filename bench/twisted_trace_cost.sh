#!/usr/bin/env bash
# twisted-trace-cost: what the Twisted tracer costs Twisted's own echo server (bench/twisted_echo.py;
# issue 15's note). A benchmark, not a test: the numbers go in notes. Three configurations of the
# same server on Twisted's epoll reactor, each run ROUNDS times in turn:
#   plain        /usr/bin/python3 bench/twisted_echo.py            (no tracer)
#   tracer off   reactorlab-twisted run --reactor epoll ...        (tracing reactor, no trace file)
#   to a file    reactorlab-twisted run --reactor epoll --trace F  (every event written)
# The server is pinned to core 0 and echo-load (10 connections, 64-byte messages) to core 1, as
# bench/trace_cost.sh does; each round reports messages/s (echo-load) and the server's CPU time
# (utime + stime from /proc/PID/stat, 10 ms ticks) per message. Medians last.
#
#   bench/twisted_trace_cost.sh BUILD [ROUNDS] [SECONDS]      default 5 rounds of 4 s
set -euo pipefail
build=${1:?usage: bench/twisted_trace_cost.sh BUILD [ROUNDS] [SECONDS]}
rounds=${2:-5}
seconds=${3:-4}
root=$(cd "$(dirname "$0")/.." && pwd)
load=$build/bin/echo-load
tracer=$build/bin/reactorlab-twisted
for b in "$load" "$tracer"; do
  [ -x "$b" ] || { echo "twisted-trace-cost: $b is not built" >&2; exit 1; }
done
/usr/bin/python3 -c 'import twisted' 2> /dev/null || { echo "twisted-trace-cost: /usr/bin/python3 has no Twisted" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

. "$(dirname "$0")/../scripts/lib/start_server.sh"

stop_server() {
  kill -TERM "$pid"  # a background job starts with SIGINT ignored, so Twisted leaves SIGINT alone; SIGTERM it always handles
  wait "$pid" || { echo "twisted-trace-cost: the server exited with an error:" >&2; cat "$dir/server.err" >&2; exit 1; }
}

names=("plain" "tracer off" "to a file")
commands=("/usr/bin/python3 $root/bench/twisted_echo.py 0"
          "$tracer run --reactor epoll $root/bench/twisted_echo.py 0"
          "$tracer run --reactor epoll --trace $dir/trace.jsonl $root/bench/twisted_echo.py 0")
echo "== $rounds rounds x 3 configurations x $seconds s, 10 connections (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
declare -a rate_0 rate_1 rate_2 cpu_0 cpu_1 cpu_2
for ((r = 1; r <= rounds; r++)); do
  line="round $r:"
  for i in 0 1 2; do
    # shellcheck disable=SC2086  # the command is words on purpose
    start_server "$dir" taskset -c 0 ${commands[$i]}
    t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    result=$(taskset -c 1 "$load" --port "$port" --connections 10 --size 64 --seconds "$seconds" --backend epoll)
    t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    stop_server
    messages=$(echo "$result" | awk '/^messages/ {print $2}')
    rate=$(echo "$result" | awk '/^messages/ {print $4}')
    us=$(awk -v t="$((t1 - t0))" -v m="$messages" 'BEGIN {printf "%.2f", t * 10000 / m}')
    eval "rate_$i+=($rate); cpu_$i+=($us)"
    line+=" [${names[$i]}] $rate msg/s, $us us/msg;"
  done
  echo "$line"
done
[ -f "$dir/trace.jsonl" ] && echo "== the last trace: $(wc -l < "$dir/trace.jsonl") lines, $(du -h "$dir/trace.jsonl" | cut -f1)"
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo "== medians over $rounds rounds (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
for i in 0 1 2; do
  eval "rates=(\"\${rate_$i[@]}\"); cpus=(\"\${cpu_$i[@]}\")"
  echo "${names[$i]}: $(median "${rates[@]}") msg/s, $(median "${cpus[@]}") us of server CPU per message"
done
