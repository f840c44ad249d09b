#!/usr/bin/env bash
# Compares etalon, as an evaluation client, with its performance peers
# (promptfoo and a Python aiohttp client) on the peers' 1,000 French yes/no
# cases, against the peers' simserver.py on loopback, in one session. Each
# client process is timed from outside with GNU time (wall, user+sys CPU,
# peak RSS); answers are checked. See docs/performance.md.
#
#   tests/bench/peers/compare.sh --peers DIR [--runs N] [--promptfoo-runs N]
#       [--no-promptfoo] [--etalon BIN] [--out FILE.json]
#
# DIR holds simserver.py, pyclient.py, cases.csv, promptfooconfig.yaml,
# run_promptfoo.sh and node_modules/ (after `npm ci`).
set -euo pipefail

usage() {
  sed -n '8,9p' "$0" | sed 's/^# *//' >&2
  exit 2
}

repo_root=$(cd "$(dirname "$0")/../../.." && pwd)
peers="" runs=3 promptfoo_runs=1 with_promptfoo=1 out="" etalon="$repo_root/build/release/etalon"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --peers) peers=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    --promptfoo-runs) promptfoo_runs=${2:?}; shift 2 ;;
    --no-promptfoo) with_promptfoo=0; shift ;;
    --etalon) etalon=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    *) usage ;;
  esac
done
[[ -n "$peers" ]] || usage
peers=$(cd "$peers" && pwd)
for file in simserver.py pyclient.py cases.csv; do
  [[ -f "$peers/$file" ]] || { echo "compare.sh: $peers/$file is missing" >&2; exit 2; }
done
[[ -x "$etalon" ]] || { echo "compare.sh: $etalon is not built (cmake --build build/release --target etalon)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "compare.sh: GNU time (/usr/bin/time) is required" >&2; exit 2; }
python=/usr/bin/python3   # Debian's interpreter, the one that sees python3-aiohttp
[[ "$runs" =~ ^[1-9][0-9]*$ && "$promptfoo_runs" =~ ^[1-9][0-9]*$ ]] || usage

work=$(mktemp -d)
server_pid=""
stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap 'stop_server; [[ -n "${KEEP_WORK:-}" ]] || rm -rf "$work"' EXIT
trap 'exit 130' INT TERM HUP PIPE

# --- inputs: datasets, suite, plans -----------------------------------------
# Dataset lines: {"id", "question", "reference"}; `repeat` copies the cases
# under new ids for the larger runs.
make_dataset() {  # repeat output
  "$python" - "$peers/cases.csv" "$1" "$2" <<'PY'
import csv, json, sys
source, repeat, target = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(source, newline="", encoding="utf-8") as f:
    rows = [(r["question"], r["__expected"].strip()) for r in csv.DictReader(f)]
with open(target, "w", encoding="utf-8") as out:
    for copy in range(repeat):
        for index, (question, expected) in enumerate(rows, 1):
            out.write(json.dumps({"id": f"c{copy}-{index:04d}", "question": question,
                                  "reference": expected}, ensure_ascii=False) + "\n")
PY
}

mkdir -p "$work/suites"
make_dataset 1 "$work/cases-1000.jsonl"
make_dataset 5 "$work/cases-5000.jsonl"
case_count=$(wc -l <"$work/cases-1000.jsonl")
for size in 1000 5000; do
  cat >"$work/suites/oui-non-$size.yaml" <<EOF
id: oui-non-$size
task: classify
description: Questions fermées (OUI ou NON), cas des clients de comparaison.
dataset: ../cases-$size.jsonl
template: '{{question}}'
metrics: [exact_match]
generation: {temperature: 0, max_tokens: 8}
EOF
done

write_plan() {  # file suite concurrency port
  cat >"$1" <<EOF
name: peers-$2
seed: 1
concurrency: $3
request_timeout_s: 30
suites_dir: suites
suites: [$2]
adapters:
  - id: simserver
    kind: openai
    model: sim-model
    options: {base_url: 'http://127.0.0.1:$4/v1', stream: false}
EOF
}

# --- the server ---------------------------------------------------------------
port=""
start_server() {  # latency_ms
  stop_server
  rm -f "$work/port"
  "$python" "$peers/simserver.py" --port 0 --port-file "$work/port" --latency-ms "$1" \
    >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do
    [[ -s "$work/port" ]] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.1
  done
  port=$(tr -d '[:space:]' <"$work/port")
  [[ -n "$port" ]] || { echo "compare.sh: simserver did not start" >&2; exit 1; }
  echo "simserver on 127.0.0.1:$port, latency $1 ms" >&2
}

# --- timed runs -----------------------------------------------------------------
# Each run appends one JSON line to runs.jsonl: the row it belongs to, its
# requests, concurrency, latency, the cases that passed and GNU time's figures.
record() {  # row requests concurrency latency passed time_file
  "$python" - "$@" >>"$work/runs.jsonl" <<'PY'
import json, re, sys
row, requests, concurrency, latency, passed, time_file = sys.argv[1:]
text = open(time_file, encoding="utf-8").read()
def field(name):
    return re.search(re.escape(name) + r": (\S+)", text).group(1)
clock = [float(part) for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")]
wall = sum(value * 60 ** power for power, value in enumerate(reversed(clock)))
print(json.dumps({"row": row, "requests": int(requests), "concurrency": int(concurrency),
                  "latency_ms": int(latency), "passed": int(passed), "wall_s": wall,
                  "cpu_s": float(field("User time (seconds)")) + float(field("System time (seconds)")),
                  "rss_mib": int(field("Maximum resident set size (kbytes)")) / 1024}))
PY
}

timed() {  # time_file log_file command...
  local time_file=$1 log_file=$2
  shift 2
  /usr/bin/time -v -o "$time_file" "$@" >"$log_file" 2>&1 || true
}

etalon_passed() {  # summary.json -> samples scored 1 by exact_match
  "$python" - "$1" <<'PY'
import json, sys
try:
    result = json.load(open(sys.argv[1], encoding="utf-8"))["results"][0]
    metric = result["metrics"]["exact_match"]
    print(round(metric["value"] * metric["n"]) if metric["value"] is not None else 0)
except (OSError, KeyError, IndexError, ValueError):
    print(0)
PY
}

run_etalon() {  # row suite requests concurrency latency count
  local row=$1 suite=$2 requests=$3 concurrency=$4 latency=$5 count=$6
  write_plan "$work/$suite.yaml" "$suite" "$concurrency" "$port"
  for i in $(seq "$count"); do
    rm -rf "$work/out"
    timed "$work/time" "$work/etalon-$suite-$i.log" "$etalon" run "$work/$suite.yaml" --out "$work/out" -q
    local passed
    passed=$(etalon_passed "$work/out/summary.json")
    [[ "$passed" == "$requests" ]] || { echo "  etalon: $passed/$requests passed; its output:" >&2; tail -5 "$work/etalon-$suite-$i.log" >&2; }
    record "$row" "$requests" "$concurrency" "$latency" "$passed" "$work/time"
    echo "  $row run $i: $(tail -1 "$work/runs.jsonl")" >&2
  done
}

run_pyclient() {  # count
  for i in $(seq "$1"); do
    timed "$work/time" "$work/pyclient.log" "$python" "$peers/pyclient.py" --cases "$peers/cases.csv" \
      --base-url "http://127.0.0.1:$port/v1" --concurrency 50 --quiet
    local passed
    passed=$(sed -n 's/^PYCLIENT //p' "$work/pyclient.log" | "$python" -c 'import json,sys; print(json.load(sys.stdin)["passed"])' 2>/dev/null || echo 0)
    record pyclient "$case_count" 50 20 "$passed" "$work/time"
    echo "  pyclient run $i: $(tail -1 "$work/runs.jsonl")" >&2
  done
}

# promptfoo's config names port 18080: run it from a folder of links to the
# peers' files holding a copy of the config that points at this server.
run_promptfoo() {  # count
  mkdir -p "$work/promptfoo"
  for file in run_promptfoo.sh cases.csv node_modules; do
    ln -sfn "$peers/$file" "$work/promptfoo/$file"
  done
  sed "s#http://127.0.0.1:18080/v1#http://127.0.0.1:$port/v1#" "$peers/promptfooconfig.yaml" \
    >"$work/promptfoo/promptfooconfig.yaml"
  for i in $(seq "$1"); do
    rm -f "$work/promptfoo.json"
    PROMPTFOO_CONFIG_DIR="$work/pfhome" timed "$work/time" "$work/promptfoo.log" \
      "$work/promptfoo/run_promptfoo.sh" -j 50 -o "$work/promptfoo.json"
    local passed
    passed=$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"]["stats"]["successes"])' \
      "$work/promptfoo.json" 2>/dev/null || echo 0)
    record promptfoo "$case_count" 50 20 "$passed" "$work/time"
    echo "  promptfoo run $i: $(tail -1 "$work/runs.jsonl")" >&2
  done
}

: >"$work/runs.jsonl"
start_server 20
run_etalon etalon oui-non-1000 "$case_count" 50 20 "$runs"
run_pyclient "$runs"
if [[ $with_promptfoo -eq 1 ]]; then
  run_promptfoo "$promptfoo_runs"
fi
run_etalon "etalon 5k c100" oui-non-5000 $((case_count * 5)) 100 20 "$runs"
start_server 0
run_etalon "etalon 5k c100 0ms" oui-non-5000 $((case_count * 5)) 100 0 "$runs"
stop_server

# --- the table and the ratios ------------------------------------------------------
"$python" - "$work/runs.jsonl" "$out" <<'PY'
import json, math, statistics, sys
runs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
rows = {}
for run in runs:
    rows.setdefault(run["row"], []).append(run)

def summarise(name, items):
    first = items[0]
    walls = [item["wall_s"] for item in items]
    wall = statistics.median(walls)
    latency = first["latency_ms"]
    ideal = math.ceil(first["requests"] / first["concurrency"]) * latency / 1000 if latency else None
    return {"client": name, "requests": first["requests"], "concurrency": first["concurrency"],
            "latency_ms": latency, "runs": len(items),
            "passed": min(item["passed"] for item in items),
            "wall_s": {"median": wall, "min": min(walls), "max": max(walls)},
            "ideal_s": ideal, "wall_over_ideal": wall / ideal if ideal else None,
            "cpu_s": statistics.median(item["cpu_s"] for item in items),
            "peak_rss_mib": max(item["rss_mib"] for item in items),
            "requests_per_s": first["requests"] / wall if wall else None}

table = [summarise(name, items) for name, items in rows.items()]
by_name = {row["client"]: row for row in table}
def ratio(a, b, field):
    return by_name[a][field] / by_name[b][field] if a in by_name and b in by_name and by_name[b][field] else None
failed_rows = [row["client"] for row in table if row["passed"] != row["requests"]]
checks = {
    "rows_with_wrong_or_missing_answers": failed_rows,
    "etalon_wall_over_ideal": by_name["etalon"]["wall_over_ideal"],
    "etalon_within_10pct_of_ideal": "etalon" not in failed_rows and by_name["etalon"]["wall_over_ideal"] <= 1.10,
    "pyclient_cpu_over_etalon_cpu": ratio("pyclient", "etalon", "cpu_s"),
    "promptfoo_rss_over_etalon_rss": ratio("promptfoo", "etalon", "peak_rss_mib"),
}
checks["cpu_at_least_5x_lower_than_pyclient"] = (
    "etalon" not in failed_rows and (checks["pyclient_cpu_over_etalon_cpu"] or 0) >= 5)
checks["rss_at_least_5x_lower_than_promptfoo"] = (
    None if checks["promptfoo_rss_over_etalon_rss"] is None
    else "etalon" not in failed_rows and checks["promptfoo_rss_over_etalon_rss"] >= 5)

def number(value, digits=2):
    return "—" if value is None else f"{value:.{digits}f}"
print("| client | work | passed | wall s (median, min–max) | wall / ideal | CPU s | peak RSS MiB | requests/s |")
print("|---|---|---|---|---|---|---|---|")
for row in table:
    wall = row["wall_s"]
    work = f'{row["requests"]} req, c{row["concurrency"]}, {row["latency_ms"]} ms, {row["runs"]} run(s)'
    over = "—" if row["wall_over_ideal"] is None else f'{row["wall_over_ideal"]:.2f}× of {row["ideal_s"]:.2f} s'
    print(f'| {row["client"]} | {work} | {row["passed"]}/{row["requests"]} | '
          f'{wall["median"]:.2f} ({wall["min"]:.2f}–{wall["max"]:.2f}) | {over} | {row["cpu_s"]:.2f} | '
          f'{row["peak_rss_mib"]:.1f} | {number(row["requests_per_s"], 0)} |')
print()
print(f'- etalon wall / ideal at 1,000 req, c50, 20 ms: {checks["etalon_wall_over_ideal"]:.2f} '
      f'(target ≤ 1.10: {"met" if checks["etalon_within_10pct_of_ideal"] else "missed"})')
print(f'- pyclient CPU / etalon CPU: {number(checks["pyclient_cpu_over_etalon_cpu"], 1)}× '
      f'(target ≥ 5×: {"met" if checks["cpu_at_least_5x_lower_than_pyclient"] else "missed"})')
if checks["promptfoo_rss_over_etalon_rss"] is not None:
    print(f'- promptfoo peak RSS / etalon peak RSS: {checks["promptfoo_rss_over_etalon_rss"]:.1f}× '
          f'(target ≥ 5×: {"met" if checks["rss_at_least_5x_lower_than_promptfoo"] else "missed"})')
if failed_rows:
    print(f'- runs with wrong or missing answers (figures not comparable): {", ".join(failed_rows)}')
if sys.argv[2]:
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump({"rows": table, "checks": checks, "runs": runs}, f, indent=2, ensure_ascii=False)
        f.write("\n")
sys.exit(1 if failed_rows else 0)
PY
