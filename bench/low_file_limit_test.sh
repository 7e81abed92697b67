#!/usr/bin/env bash
# echo-bench under a container's open-file limit (issue 19 item 3): with `ulimit -n 4096`, the
# rows up to 1,000 connections and the wait costs up to 1,000 descriptors fit and run (one second
# each); 5,000 connections, 10,000 idle + 100 and the 10,000-descriptor wait cost do not, and are
# skipped with the limit named instead of failing the run.
# Usage: low_file_limit_test.sh ECHO_BENCH OUT.json
set -euo pipefail
bench=$1 json=$2
rm -f "$json"
ulimit -n 4096
"$bench" --seconds 1 --servers reactor-epoll --json "$json"
/usr/bin/python3 - "$json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
rows = {(r["server"], r["connections"]): r for r in report["results"]}
def check(condition, what):
    if not condition:
        sys.exit("low_file_limit_test: " + what + "\n" + json.dumps(report, indent=2))
for n in (1, 10, 100, 1000):
    check(rows[("reactor-epoll", n)]["status"] == "ok", f"the {n}-connection row did not run")
for n in (5000, 10100):
    skipped = rows[("reactor-epoll", n)]
    check(skipped["status"] == "skipped" and "the limit here is 4096" in skipped["note"],
          f"the {n}-connection row is not skipped with the limit named")
measured = [(w["backend"], w["watched"]) for w in report["wait_cost"]]
check(measured == [("epoll", 100), ("epoll", 1000)], f"wait costs measured: {measured}")
left_out = {(s["backend"], s["watched"]): s["reason"] for s in report["wait_cost_skipped"]}
check(sorted(left_out) == [("epoll", 10000)], f"wait costs skipped: {sorted(left_out)}")
check(all("the limit here is 4096" in r for r in left_out.values()), "a skipped wait cost does not name the limit")
print("low_file_limit_test: 4 rows and 2 wait costs ran, 2 rows and 1 wait cost skipped, naming the limit")
PY
