#!/usr/bin/env bash
# bench_tools.py timed: the fields `record` reads, CPU to the microsecond
# rather than GNU time's 10 ms, the command's own peak RSS (not that of the
# Python process that starts it) and its exit status.
set -euo pipefail
tools="$(cd "$(dirname "$0")" && pwd)/bench_tools.py"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; cat "$work/time" >&2; exit 1; }

# About 30 ms of CPU in a small shell, then exit code 3.
/usr/bin/python3 "$tools" timed "$work/time" "$work/log" sh -c 'i=0; while [ $i -lt 60000 ]; do i=$((i+1)); done; echo done; exit 3'
grep -qx "done" "$work/log" || fail "the command's output is not in the log"
grep -qx "Exit status: 3" "$work/time" || fail "exit status"
cpu=$(sed -n 's/^User time (seconds): //p' "$work/time")
[[ "$cpu" =~ ^[0-9]+\.[0-9]{6}$ ]] || fail "user time is not given to the microsecond: $cpu"
rss=$(sed -n 's/^Maximum resident set size (kbytes): //p' "$work/time")
(( rss > 0 && rss < 8192 )) || fail "peak RSS $rss KiB is not the small shell's (Python's would be ~10 MiB)"
/usr/bin/python3 "$tools" record --row t --time-file "$work/time" --requests 1 --concurrency 1 --passed 1 >"$work/record"
/usr/bin/python3 - "$work/record" <<'PY'
import json, sys
record = json.load(open(sys.argv[1]))
assert 0.001 < record["cpu_s"] < 5, record
assert 0 < record["wall_s"] < 10 and 0 < record["rss_mib"] < 8, record
PY
echo "bench_tools timed: ok"
