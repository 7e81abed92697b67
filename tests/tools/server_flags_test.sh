#!/bin/sh
# The serving programs' flags (tools/server_flags.h): a bad flag or value is refused with a line
# that names it and exit status 2, before anything is served; --help-like junk is not a port.
# usage: server_flags_test.sh ECHO_SERVER HTTP_SERVER
set -u
echo_server=$1 http_server=$2
fail=0
# refused PROGRAM EXPECTED-TEXT ARGS...: the program exits 2 and says EXPECTED-TEXT on stderr.
refused() {
    program=$1 expected=$2
    shift 2
    err=$("$program" "$@" 2>&1 >/dev/null)
    status=$?
    if [ "$status" -ne 2 ]; then echo "FAIL: $(basename "$program") $*: exit $status, wanted 2"; fail=1; fi
    case "$err" in
        *"$expected"*) echo "ok: $(basename "$program") $*: $expected" ;;
        *) echo "FAIL: $(basename "$program") $*: stderr lacks '$expected': $err"; fail=1 ;;
    esac
}
for program in "$echo_server" "$http_server"; do
    refused "$program" "--port is required" --backend poll
    refused "$program" "--port needs a number 0..65535, not 'x'" --port x
    refused "$program" "--port needs a number 0..65535, not '70000'" --port 70000
    refused "$program" "unknown backend 'kqueue'" --port 0 --backend kqueue
    refused "$program" "unknown argument '--bogus'" --port 0 --bogus 1
    refused "$program" "unknown argument 'stray'" stray
    refused "$program" "--trace needs a value" --port 0 --trace
done
refused "$http_server" "--header-timeout needs a number of seconds 1..86400, not '0'" --port 0 --header-timeout 0
refused "$http_server" "--body-timeout needs a number of seconds 1..86400, not '2.5'" --port 0 --body-timeout 2.5
refused "$http_server" "--idle-timeout needs a number of seconds 1..86400, not ''" --port 0 --idle-timeout ""
refused "$echo_server" "unknown argument '--header-timeout'" --port 0 --header-timeout 5
exit $fail
