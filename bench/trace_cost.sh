#!/usr/bin/env bash
# trace-cost: what tracing costs the echo server (issue 6's targets; a benchmark, not a test:
# the numbers go in docs/bench/README.md and notes). Compares two builds of the same source:
#   OFF_BUILD  configured with -DREACTOR_LAB_TRACE=OFF (no trace calls at all)
#   ON_BUILD   the default (trace calls compiled in), run without --trace and with --trace FILE
#
#   bench/trace_cost.sh OFF_BUILD ON_BUILD [ROUNDS] [SECONDS]     default 9 rounds of 4 s
#
# 1. Instructions (callgrind, repeatable to the instruction): the server's user-space
#    instructions per echoed message, one connection, as (Ir(1500 msgs) - Ir(500)) / 1000, which
#    cancels start-up and shut-down.
# 2. Throughput and CPU time: rounds that alternate the three configurations, server pinned to
#    core 0 and echo-load (10 connections, 64-byte messages) to core 1; each round reports
#    messages/s and the server's CPU time (utime + stime, 10 ms ticks) per message. Medians last.
set -euo pipefail
off=${1:?usage: bench/trace_cost.sh OFF_BUILD ON_BUILD [ROUNDS] [SECONDS]}
on=${2:?usage: bench/trace_cost.sh OFF_BUILD ON_BUILD [ROUNDS] [SECONDS]}
rounds=${3:-9}
seconds=${4:-4}
for b in "$off/bin/echo-server" "$on/bin/echo-server" "$on/bin/echo-load"; do
  [ -x "$b" ] || { echo "trace-cost: $b is not built" >&2; exit 1; }
done
load=$on/bin/echo-load
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

. "$(dirname "$0")/../scripts/lib/start_server.sh"

stop_server() {
  kill -INT "$pid"
  wait "$pid" || { echo "trace-cost: the server exited with an error:" >&2; cat "$dir/server.err" >&2; exit 1; }
}

# Configurations: a name, the server, and its extra arguments.
names=("compiled out" "compiled in, off" "compiled in, to a file")
servers=("$off/bin/echo-server" "$on/bin/echo-server" "$on/bin/echo-server")
extras=("" "" "--trace $dir/trace.jsonl")

if command -v valgrind > /dev/null; then
  echo "== instructions per echoed message (callgrind, 1 connection, 1500 - 500 messages)"
  for i in 0 1 2; do
    declare -A ir=()
    for m in 500 1500; do
      # shellcheck disable=SC2086  # extras are words on purpose
      start_server "$dir" valgrind --tool=callgrind --callgrind-out-file="$dir/cg.out" \
        "${servers[$i]}" --port 0 --backend epoll ${extras[$i]}
      "$load" --port "$port" --connections 1 --messages "$m" --size 64 --backend epoll > /dev/null
      stop_server
      ir[$m]=$(awk '/^(summary|totals):/ {print $2; exit}' "$dir/cg.out")
    done
    echo "${names[$i]}: $(((ir[1500] - ir[500]) / 1000)) Ir/message"
  done
else
  echo "== valgrind is not installed: instruction counts skipped (scripts/setup installs it)"
fi

cores=$(nproc)
[ "$cores" -ge 2 ] || echo "== this machine has one core: server and load share it, so these numbers are noisy"
echo "== throughput: $rounds rounds x 3 configurations x $seconds s, 10 connections (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
declare -a rate_0 rate_1 rate_2 cpu_0 cpu_1 cpu_2
for ((r = 1; r <= rounds; r++)); do
  line="round $r:"
  for i in 0 1 2; do
    # shellcheck disable=SC2086
    start_server "$dir" taskset -c 0 "${servers[$i]}" --port 0 --backend epoll ${extras[$i]}
    t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    result=$(taskset -c 1 "$load" --port "$port" --connections 10 --size 64 --seconds "$seconds" --backend epoll)
    t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    stop_server
    messages=$(echo "$result" | awk '/^messages/ {print $2}')
    rate=$(echo "$result" | awk '/^messages/ {print $4}')
    us=$(awk -v t="$((t1 - t0))" -v m="$messages" 'BEGIN {printf "%.3f", t * 10000 / m}')
    eval "rate_$i+=($rate); cpu_$i+=($us)"
    line+=" [${names[$i]}] $rate msg/s, $us us/msg;"
  done
  echo "$line"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo "== medians over $rounds rounds"
for i in 0 1 2; do
  eval "rates=(\"\${rate_$i[@]}\"); cpus=(\"\${cpu_$i[@]}\")"
  echo "${names[$i]}: $(median "${rates[@]}") msg/s, $(median "${cpus[@]}") us of server CPU per message"
done
