#!/bin/sh
# Smoke test for threaded-http-server, with curl as the client: start it on port 0 with a trace,
# GET the page, POST an item (201 + Location), GET it back, GET an unknown one (404), two requests
# on one kept-alive connection, then stop it with SIGINT and check: every answer was right, the
# server exited 0, the trace reads back cleanly, and it has thread lanes and http events.
# usage: threaded_http_smoke.sh THREADED_HTTP_SERVER GOLDEN_COMPARE WORKDIR
set -u
. "$(dirname "$0")/../../scripts/lib/start_server.sh"
server=$1 compare=$2 dir=$3
mkdir -p "$dir"
rm -f "$dir/trace.jsonl"
start_server "$dir" "$server" --port 0 --trace "$dir/trace.jsonl"
base="http://127.0.0.1:$port"
fail=0
expect() {  # expect WHAT ACTUAL WANTED
  [ "$2" = "$3" ] || { echo "$1: got '$2', expected '$3'"; fail=1; }
}
expect "GET / status" "$(curl -s -o "$dir/page.html" -w '%{http_code}' "$base/")" 200
grep -q "One thread per connection" "$dir/page.html" || { echo "GET / did not return the page"; fail=1; }
expect "POST /items" "$(curl -s -o /dev/null -D "$dir/post.txt" -w '%{http_code}' -H 'Content-Type: application/json' -d '{"name":"tea"}' "$base/items")" 201
grep -qi '^Location: /items/1' "$dir/post.txt" || { echo "POST /items gave no Location: /items/1"; fail=1; }
expect "GET /items/1" "$(curl -s "$base/items/1")" '{"id":1,"name":"tea"}'
expect "GET /items/99 status" "$(curl -s -o /dev/null -w '%{http_code}' "$base/items/99")" 404
expect "POST bad JSON status" "$(curl -s -o /dev/null -w '%{http_code}' -d 'not json' "$base/items")" 400
# Two URLs in one curl run reuse the kept-alive connection: one more thread, two requests.
expect "keep-alive statuses" "$(curl -s -o /dev/null -o /dev/null -w '%{http_code} ' "$base/items" "$base/")" "200 200 "
kill -INT "$pid"
wait "$pid"
server_status=$?
[ "$server_status" -eq 0 ] || { echo "threaded-http-server exited $server_status"; fail=1; }
"$compare" "$dir/trace.jsonl" "$dir/trace.jsonl" || { echo "the trace does not read back cleanly"; fail=1; }
count() { grep -c "$1" "$dir/trace.jsonl"; }
[ "$(count '"kind":"thread_started"')" -eq 7 ] || { echo "expected 7 thread lanes (main + 6 connections)"; fail=1; }
[ "$(count '"kind":"thread_exited"')" -eq 7 ] || { echo "not every thread exited in the trace"; fail=1; }
[ "$(count '"kind":"http_request"')" -eq 7 ] || { echo "expected 7 http_request events"; fail=1; }
[ "$(count '"kind":"http_response"')" -eq 7 ] || { echo "expected 7 http_response events"; fail=1; }
tail -n 1 "$dir/trace.jsonl" | grep -q '"kind":"thread_exited","thread":1,' || { echo "main's exit is not the last line"; fail=1; }
exit $fail
