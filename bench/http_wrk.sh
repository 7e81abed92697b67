#!/bin/sh
# http-wrk: the HTTP chapter's load measurement (a benchmark, not a test; numbers go in notes).
# Starts build/bin/http-server on a free port, runs wrk against / (the chat page, about 2.5 KB)
# and prints wrk's report: requests/s, latency, and any socket errors or non-2xx answers.
#   bench/http_wrk.sh [HTTP_SERVER] [BACKEND] [WRK ARGS...]   default: build/bin/http-server epoll -t2 -c100 -d10s
set -eu
. "$(dirname "$0")/../scripts/lib/start_server.sh"
server=${1:-build/bin/http-server}
backend=${2:-epoll}
[ $# -ge 2 ] && shift 2 || set --
[ $# -gt 0 ] || set -- -t2 -c100 -d10s
command -v wrk > /dev/null || { echo "http-wrk: wrk is not installed (scripts/setup installs it)" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
start_server "$dir" "$server" --port 0 --backend "$backend"
echo "http-server ($backend) on port $port; wrk $*"
wrk "$@" "http://127.0.0.1:$port/"
kill -INT "$pid"
wait "$pid"
