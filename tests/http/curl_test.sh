#!/bin/sh
# curl against build/bin/http-server: GET the page, POST an item (201 + Location), GET it back,
# a bad JSON body (400), an unknown id (404), and two URLs in one curl run over one connection
# (keep-alive: curl's num_connects counts 1 for the first transfer and 0 for the reused one).
# Every curl call has --max-time; the server is stopped with SIGINT and must exit 0 within 10 s,
# leaving a whole trace with the requests and responses in it.
# usage: curl_test.sh HTTP_SERVER WORKDIR
set -u
. "$(dirname "$0")/../../scripts/lib/start_server.sh"
server=$1 dir=$2
mkdir -p "$dir"
rm -f "$dir/trace.jsonl"
start_server "$dir" "$server" --port 0 --backend epoll --trace "$dir/trace.jsonl"
base="http://127.0.0.1:$port"
fail=0
check() {  # check WHAT EXPECTED ACTUAL
    if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAIL: $1: expected '$2', got '$3'"; fail=1; fi
}
c() { curl --silent --show-error --max-time 5 "$@"; }

check "GET / is 200" 200 "$(c -o "$dir/page.html" -w '%{http_code}' "$base/")"
grep -q 'EventSource' "$dir/page.html" || { echo "FAIL: the page has no EventSource"; fail=1; }
check "GET / is HTML" "text/html; charset=utf-8" "$(c -o /dev/null -w '%{content_type}' "$base/")"

out=$(c -D "$dir/post.headers" -o "$dir/post.body" -w '%{http_code}' -H 'Content-Type: application/json' \
      --data '{"name":"lamp"}' "$base/items")
check "POST /items is 201" 201 "$out"
check "POST /items says where" "Location: /items/1" "$(grep -i '^Location:' "$dir/post.headers" | tr -d '\r')"
check "the created item" '{"id":1,"name":"lamp"}' "$(cat "$dir/post.body")"
check "GET /items/1" '{"id":1,"name":"lamp"}' "$(c "$base/items/1")"
check "PUT /items/1" 200 "$(c -o /dev/null -w '%{http_code}' -X PUT --data '{"name":"desk"}' "$base/items/1")"
check "bad JSON is 400" 400 "$(c -o "$dir/bad.body" -w '%{http_code}' --data '{"name": ' "$base/items")"
grep -q 'not valid JSON' "$dir/bad.body" || { echo "FAIL: the 400 does not say why"; fail=1; }
check "unknown id is 404" 404 "$(c -o /dev/null -w '%{http_code}' "$base/items/42")"
check "DELETE /items/1 is 204" 204 "$(c -o /dev/null -w '%{http_code}' -X DELETE "$base/items/1")"
check "PATCH /items is 405" 405 "$(c -o /dev/null -w '%{http_code}' -X PATCH "$base/items")"
check "HEAD / has no body" 0 "$(c --head -o /dev/null -w '%{size_download}' "$base/")"
# Two URLs, one curl process: the second transfer reuses the first one's connection.
check "keep-alive: connections made per transfer" "200 1 200 0 " \
      "$(c -o /dev/null -o /dev/null -w '%{http_code} %{num_connects} ' "$base/items" "$base/")"
# A chunked upload (curl sends Transfer-Encoding: chunked when asked to).
check "chunked POST is 201" 201 "$(printf '{"name":"chunked"}' | c -o /dev/null -w '%{http_code}' \
      -H 'Transfer-Encoding: chunked' --data-binary @- "$base/items")"

kill -INT "$pid"
# A server that ignores SIGINT is killed after 10 s, and the test fails instead of hanging.
( sleep 10; kill -KILL "$pid" 2> /dev/null ) &
watchdog=$!
wait "$pid"
status=$?
kill "$watchdog" 2> /dev/null
check "the server exits 0 on SIGINT" 0 "$status"
# The trace is complete: requests and responses recorded, the loop's end, a whole last line.
grep -q '"kind":"http_request","connection":[0-9]*,"method":"POST","target":"/items"' "$dir/trace.jsonl" \
    || { echo "FAIL: no http_request for POST /items in the trace"; fail=1; }
grep -q '"kind":"http_response","connection":[0-9]*,"status":201' "$dir/trace.jsonl" \
    || { echo "FAIL: no http_response with status 201 in the trace"; fail=1; }
grep -q '"kind":"run_end"' "$dir/trace.jsonl" || { echo "FAIL: the trace has no run_end"; fail=1; }
tail -n 1 "$dir/trace.jsonl" | grep -q '^{.*}$' || { echo "FAIL: the trace's last line is not whole"; fail=1; }
exit $fail
