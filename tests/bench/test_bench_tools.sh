#!/usr/bin/env bash
# bench_tools.py timed: the fields `record` reads, CPU to the microsecond
# rather than GNU time's 10 ms, the command's own peak RSS (not that of the
# Python process that starts it) and its exit status; the table's lines
# that place etalon against the two floor clients and give the part of the
# ideal this machine's timers put out of reach; and that measure of timers.
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

# bench_tools.py table: etalon's distance to each floor, from the rows' medians.
run() {  # row wall_s
  printf '{"row": "%s", "requests": 1000, "concurrency": 50, "latency_ms": 20, "passed": 1000, "wall_s": %s, "cpu_s": 0.05, "rss_mib": 10}\n' "$1" "$2"
}
{ run etalon 0.440; run etalon 0.446; run etalon 0.441
  run "floor client" 0.424; run "floor client" 0.420; run "floor client" 0.430
  run "libcurl floor client" 0.445; run "libcurl floor client" 0.443; run "libcurl floor client" 0.450
  echo '{"machine_timers": {"sleep_ms": 20, "sleeps": 100, "late_ms_p50": 0.15, "late_ms_p90": 0.18}}'; } >"$work/runs.jsonl"
/usr/bin/python3 "$tools" table "$work/runs.jsonl" >"$work/table" || fail "table"
grep -q "^- the floor: .* takes 0.424 s (1.06× of the ideal) .* etalon 0.441 s, 0.017 s above it$" "$work/table" ||
  fail "the plain floor's line: $(cat "$work/table")"
grep -q "^- the libcurl floor: .* takes 0.445 s (1.11× of the ideal) .* etalon 0.441 s, 0.004 s below it$" "$work/table" ||
  fail "the libcurl floor's line: $(cat "$work/table")"
grep -q "^- this machine's timers: a 20 ms sleep ends 0.150 ms late at the median (p90 0.180 ms; 100 sleeps .* over the 20 rounds of etalon's work, about 3.0 ms (1.01× of the ideal) that no client can win back$" "$work/table" ||
  fail "the timers' line: $(cat "$work/table")"
echo "bench_tools table: ok"

# bench_tools.py sleep-lateness: a record the table reads, never early.
/usr/bin/python3 "$tools" sleep-lateness --ms 2 --count 5 >"$work/timers"
/usr/bin/python3 - "$work/timers" <<'PY'
import json, sys
timers = json.load(open(sys.argv[1]))["machine_timers"]
assert timers["sleep_ms"] == 2 and timers["sleeps"] == 5, timers
assert 0 <= timers["late_ms_p50"] <= timers["late_ms_p90"] < 1000, timers
PY
echo "bench_tools sleep-lateness: ok"
