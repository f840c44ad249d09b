#!/usr/bin/env bash
# etalon's cost as an evaluation client, measured from outside its process, in
# one session (see docs/performance.md):
#   peers       etalon, the peers' aiohttp client and promptfoo on the peers'
#               1,000 French yes/no cases, c50, against simserver.py at 20 ms;
#               and the two floor clients (tests/bench/floor_client) on the
#               same cases: plain sockets, the least any client can take there,
#               and libcurl's multi interface on one thread, a client built as
#               issue #4 prescribes and nothing more; round by round with
#               etalon and pyclient; first, how late this machine's 20 ms
#               sleeps end (the part of the ideal no client can win back)
#   load        etalon alone, 5,000 cases at c100, simserver.py at 20 ms
#   saturation  etalon, 0 ms servers, c100: simserver.py (5,000 cases) and
#               `etalon simulate` (--saturation-requests fixed answers); besides
#               the whole process's rate, the sustained rate from the first
#               request to the last answer (the result lines' time stamps)
#   ttft        etalon streaming at c256 against `etalon simulate` (40 ms
#               TTFT): |etalon's ttft_ms - the simulator log's|, p50 and p99
#   scale       builtin:echo over --scale-samples generated samples: RSS
#               against results written, journal results/s, summary time
#   report      `etalon report` (every format) over a 100,000-result run
# Every client process is timed (bench_tools.py timed: wall and user+sys CPU
# to the microsecond, peak RSS from GNU time)
# and its answers are checked; a row with a wrong or missing answer is
# flagged and makes the script exit 1. Servers are stopped on exit.
#
#   tests/bench/bench.sh [--peers DIR] [--only SECTIONS] [--runs N] [--promptfoo-runs N]
#       [--no-promptfoo] [--scale-samples N] [--saturation-requests N] [--etalon BIN] [--out FILE.json]
#
# DIR is a writable copy of the peers' kit (simserver.py, pyclient.py,
# cases.csv, run_promptfoo.sh, promptfooconfig.yaml, node_modules/ after
# `npm ci`); the peers, load and saturation-simserver rows need it.
# SECTIONS: comma-separated, default peers,load,saturation,ttft,scale,report.
# With --out, the RSS plot of the scale row goes beside it (FILE-rss.svg).
set -euo pipefail

usage() {
  sed -n '/^#   tests\/bench\/bench.sh/,/--out FILE.json\]$/p' "$0" | sed 's/^# *//' >&2
  exit 2
}

bench_dir=$(cd "$(dirname "$0")" && pwd)
repo_root=$(cd "$bench_dir/../.." && pwd)
tools="$bench_dir/bench_tools.py"
peers="" runs=3 promptfoo_runs=1 with_promptfoo=1 out="" etalon="$repo_root/build/release/etalon"
floor_clients="$repo_root/build/release/tests/bench"
sections="peers,load,saturation,ttft,scale,report" scale_samples=1000000 saturation_requests=50000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --peers) peers=${2:?}; shift 2 ;;
    --only) sections=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    --promptfoo-runs) promptfoo_runs=${2:?}; shift 2 ;;
    --no-promptfoo) with_promptfoo=0; shift ;;
    --scale-samples) scale_samples=${2:?}; shift 2 ;;
    --saturation-requests) saturation_requests=${2:?}; shift 2 ;;
    --etalon) etalon=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    *) usage ;;
  esac
done
for number in "$runs" "$promptfoo_runs" "$scale_samples" "$saturation_requests"; do
  [[ "$number" =~ ^[1-9][0-9]*$ ]] || usage
done
wants() { [[ ",$sections," == *",$1,"* ]]; }
python=/usr/bin/python3   # Debian's interpreter, the one that sees python3-aiohttp
[[ -x "$etalon" ]] || { echo "bench.sh: $etalon is not built (cmake --build build/release --target etalon)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "bench.sh: GNU time (/usr/bin/time) is required" >&2; exit 2; }
if [[ -n "$peers" ]]; then
  peers=$(cd "$peers" && pwd)
  for file in simserver.py pyclient.py cases.csv; do
    [[ -f "$peers/$file" ]] || { echo "bench.sh: $peers/$file is missing" >&2; exit 2; }
  done
elif wants peers || wants load; then
  echo "bench.sh: no --peers DIR: the peers and load rows and the simserver saturation row are left out" >&2
fi

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
mkdir -p "$work/suites"
: >"$work/runs.jsonl"

# --- inputs ------------------------------------------------------------------------
write_suite() {  # id dataset template-field
  cat >"$work/suites/$1.yaml" <<EOF
id: $1
task: classify
description: Cas générés pour la mesure des performances.
dataset: ../$2
template: '{{$3}}'
metrics: [exact_match]
generation: {temperature: 0, max_tokens: 8}
EOF
}

# No model probes: the work measured is the peers' requests alone, and the
# probes' 18 sequential requests (docs/model-integrity.md) would add ~0.4 s of
# server latency at 20 ms to a run whose ideal is 0.4 s.
write_plan() {  # file suite concurrency adapter-yaml (indented under adapters:)
  cat >"$1" <<EOF
name: bench-$2
seed: 1
concurrency: $3
request_timeout_s: 30
model_probes: false
suites_dir: suites
suites: [$2]
adapters:
$4
EOF
}

openai_adapter() {  # port stream model
  printf "  - id: client\n    kind: openai\n    model: %s\n    options: {base_url: 'http://127.0.0.1:%s/v1', stream: %s}\n" "$3" "$1" "$2"
}

# --- servers -------------------------------------------------------------------------
port=""
wait_port() {  # log
  for _ in $(seq 100); do
    [[ -s "$work/port" ]] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$1" >&2; exit 1; }
    sleep 0.1
  done
  port=$(tr -d '[:space:]' <"$work/port")
  [[ -n "$port" ]] || { echo "bench.sh: the server did not start" >&2; exit 1; }
}

start_simserver() {  # latency_ms
  stop_server
  rm -f "$work/port"
  "$python" "$peers/simserver.py" --port 0 --port-file "$work/port" --latency-ms "$1" >"$work/server.log" 2>&1 &
  server_pid=$!
  wait_port "$work/server.log"
  echo "simserver.py on 127.0.0.1:$port, latency $1 ms" >&2
}

start_simulate() {  # config-yaml [log]
  stop_server
  rm -f "$work/port"
  printf '%s\n' "$1" >"$work/simulate.yaml"
  "$etalon" simulate --config "$work/simulate.yaml" --port-file "$work/port" ${2:+--log "$2"} \
    >"$work/server.log" 2>&1 &
  server_pid=$!
  wait_port "$work/server.log"
  echo "etalon simulate on 127.0.0.1:$port" >&2
}

server_cpu() { "$python" "$tools" process-cpu "$server_pid"; }

# --- timed runs ----------------------------------------------------------------------
recorded() {  # row: print the row's last record, numbered among the row's runs
  echo "  $1, run $(grep -c "\"row\": \"$1\"" "$work/runs.jsonl"): $(tail -1 "$work/runs.jsonl")" >&2
}

timed() {  # time_file log_file command...
  local time_file=$1 log_file=$2
  shift 2
  "$python" "$tools" timed "$time_file" "$log_file" "$@" || true
}

run_etalon() {  # row plan requests concurrency latency count [extra-command]
  local row=$1 plan=$2 requests=$3 concurrency=$4 latency=$5 count=$6 extra=${7:-}
  for _ in $(seq "$count"); do
    rm -rf "$work/out"
    [[ -z "${simulate_log:-}" ]] || : >"$simulate_log"
    local before after passed
    before=$(server_cpu)
    timed "$work/time" "$work/etalon.log" "$etalon" run "$plan" --out "$work/out" -q
    after=$(server_cpu)
    passed=$("$python" "$tools" passed "$work/out/summary.json")
    [[ "$passed" == "$requests" ]] || { echo "  etalon: $passed/$requests passed; its output:" >&2; tail -5 "$work/etalon.log" >&2; }
    local extras=()
    if [[ -n "$extra" ]]; then
      while IFS= read -r pair; do extras+=(--extra "$pair"); done < <($extra)
    fi
    "$python" "$tools" record --row "$row" --time-file "$work/time" --requests "$requests" \
      --concurrency "$concurrency" --latency "$latency" --passed "$passed" \
      --server-cpu "$(awk "BEGIN {print $after - $before}")" "${extras[@]}" >>"$work/runs.jsonl"
    recorded "$row"
  done
}

run_pyclient() {  # count
  for _ in $(seq "$1"); do
    local before after passed
    before=$(server_cpu)
    timed "$work/time" "$work/pyclient.log" "$python" "$peers/pyclient.py" --cases "$peers/cases.csv" \
      --base-url "http://127.0.0.1:$port/v1" --concurrency 50 --quiet
    after=$(server_cpu)
    passed=$(sed -n 's/^PYCLIENT //p' "$work/pyclient.log" | "$python" -c 'import json,sys; print(json.load(sys.stdin)["passed"])' 2>/dev/null || echo 0)
    "$python" "$tools" record --row pyclient --time-file "$work/time" --requests "$case_count" --concurrency 50 \
      --latency 20 --passed "$passed" --server-cpu "$(awk "BEGIN {print $after - $before}")" >>"$work/runs.jsonl"
    recorded pyclient
  done
}

run_floor() {  # row program count
  local row=$1 client="$floor_clients/$2"
  if [[ ! -x "$client" ]]; then
    echo "bench.sh: $client is not built (cmake --build build/release --target $2): no $row row" >&2
    return
  fi
  for _ in $(seq "$3"); do
    local before after passed
    before=$(server_cpu)
    timed "$work/time" "$work/floor.log" "$client" --port "$port" --dataset "$work/cases-1000.jsonl" --concurrency 50
    after=$(server_cpu)
    passed=$(sed -n 's/^FLOOR //p' "$work/floor.log" | "$python" -c 'import json,sys; print(json.load(sys.stdin)["passed"])' 2>/dev/null || echo 0)
    "$python" "$tools" record --row "$row" --time-file "$work/time" --requests "$case_count" --concurrency 50 \
      --latency 20 --passed "$passed" --server-cpu "$(awk "BEGIN {print $after - $before}")" >>"$work/runs.jsonl"
    recorded "$row"
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
  for _ in $(seq "$1"); do
    rm -f "$work/promptfoo.json"
    local before after passed
    before=$(server_cpu)
    PROMPTFOO_CONFIG_DIR="$work/pfhome" timed "$work/time" "$work/promptfoo.log" \
      "$work/promptfoo/run_promptfoo.sh" -j 50 -o "$work/promptfoo.json"
    after=$(server_cpu)
    passed=$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"]["stats"]["successes"])' \
      "$work/promptfoo.json" 2>/dev/null || echo 0)
    "$python" "$tools" record --row promptfoo --time-file "$work/time" --requests "$case_count" --concurrency 50 \
      --latency 20 --passed "$passed" --server-cpu "$(awk "BEGIN {print $after - $before}")" >>"$work/runs.jsonl"
    recorded promptfoo
  done
}

# --- sections ------------------------------------------------------------------------
case_count=0
if [[ -n "$peers" ]] && { wants peers || wants load || wants saturation; }; then
  "$python" "$tools" peers-dataset "$peers/cases.csv" 1 "$work/cases-1000.jsonl"
  "$python" "$tools" peers-dataset "$peers/cases.csv" 5 "$work/cases-5000.jsonl"
  case_count=$(wc -l <"$work/cases-1000.jsonl")
  write_suite oui-non-1000 cases-1000.jsonl question
  write_suite oui-non-5000 cases-5000.jsonl question
fi

if [[ -n "$peers" ]] && { wants peers || wants load; }; then
  start_simserver 20
  write_plan "$work/peers-1000.yaml" oui-non-1000 50 "$(openai_adapter "$port" false sim-model)"
  write_plan "$work/peers-5000.yaml" oui-non-5000 100 "$(openai_adapter "$port" false sim-model)"
  if wants peers; then
    # How late this machine's timers fire, which no client can win back: the
    # table turns it into the part of the ideal that is out of reach.
    "$python" "$tools" sleep-lateness --ms 20 --count 100 >>"$work/runs.jsonl"
    # Round by round, so that the clients compared share the machine's state
    # of the moment: the floors and etalon are within a few per cent.
    for _ in $(seq "$runs"); do
      run_etalon etalon "$work/peers-1000.yaml" "$case_count" 50 20 1
      run_floor "floor client" etalon_floor_client 1
      run_floor "libcurl floor client" etalon_curl_floor_client 1
      run_pyclient 1
    done
    [[ $with_promptfoo -eq 0 ]] || run_promptfoo "$promptfoo_runs"
  fi
  if wants load; then
    run_etalon "etalon 5k c100" "$work/peers-5000.yaml" $((case_count * 5)) 100 20 "$runs"
  fi
fi

sustained_extra() { "$python" "$tools" sustained-rate "$work/out/results.jsonl"; }

if wants saturation; then
  if [[ -n "$peers" ]]; then
    start_simserver 0
    write_plan "$work/saturation-simserver.yaml" oui-non-5000 100 "$(openai_adapter "$port" false sim-model)"
    run_etalon "etalon 0ms saturation, simserver" "$work/saturation-simserver.yaml" $((case_count * 5)) 100 0 "$runs" \
      sustained_extra
  fi
  "$python" "$tools" unique-dataset "$saturation_requests" "$work/unique-saturation.jsonl"
  write_suite saturation unique-saturation.jsonl question
  start_simulate "$(printf '%s\n' 'model: simulated-chat' 'answers: {mode: fixed, fixed_text: OUI}' \
    'ttft: {distribution: fixed, ms: 0}' 'itl: {distribution: fixed, ms: 0}')"
  write_plan "$work/saturation-simulate.yaml" saturation 100 "$(openai_adapter "$port" false simulated-chat)"
  run_etalon "etalon 0ms saturation, simulate" "$work/saturation-simulate.yaml" "$saturation_requests" 100 0 "$runs" \
    sustained_extra
fi

if wants ttft; then
  ttft_requests=2560
  "$python" "$tools" unique-dataset "$ttft_requests" "$work/unique-ttft.jsonl"
  write_suite ttft unique-ttft.jsonl question
  simulate_log="$work/simulate-log.jsonl"
  start_simulate "$(printf '%s\n' 'model: simulated-chat' 'answers: {mode: fixed, fixed_text: OUI}' \
    'ttft: {distribution: fixed, ms: 40}' 'itl: {distribution: fixed, ms: 1}')" "$simulate_log"
  write_plan "$work/ttft.yaml" ttft 256 "$(openai_adapter "$port" true simulated-chat)"
  ttft_extra() {
    "$python" "$tools" ttft-error --log "$simulate_log" --results "$work/out/results.jsonl" --first-wave 256 |
      "$python" -c 'import json,sys; [print(f"{k}={json.dumps(v)}") for k, v in json.load(sys.stdin).items()]'
  }
  run_etalon "etalon TTFT c256" "$work/ttft.yaml" "$ttft_requests" 256 40 "$runs" ttft_extra
  simulate_log=""
fi
stop_server

echo_run() {  # row samples svg
  local row=$1 samples=$2 svg=${3:-}
  "$python" "$tools" echo-dataset "$samples" "$work/echo-$samples.jsonl"
  write_suite "echo-$samples" "echo-$samples.jsonl" input
  write_plan "$work/echo-$samples.yaml" "echo-$samples" 4 \
    "$(printf '  - id: echo\n    kind: builtin:echo\n    options: {field: input}\n')"
  rm -rf "$work/echo-out"
  "$python" "$tools" sample-run --run-dir "$work/echo-out" --log "$work/echo.log" -- \
    "$etalon" run "$work/echo-$samples.yaml" --out "$work/echo-out" -q >"$work/echo-samples.json"
  local passed
  passed=$("$python" "$tools" passed "$work/echo-out/summary.json")
  "$python" "$tools" scale-record --row "$row" --sample-file "$work/echo-samples.json" --requests "$samples" \
    --concurrency 4 --passed "$passed" ${svg:+--svg "$svg"} >>"$work/runs.jsonl"
  echo "  $row: $(tail -1 "$work/runs.jsonl" | cut -c1-300)" >&2
  rm -f "$work/echo-$samples.jsonl"
}

if wants scale; then
  echo_run "etalon echo scale $scale_samples" "$scale_samples" "${out:+${out%.json}-rss.svg}"
  rm -rf "$work/echo-out"
fi

if wants report; then
  echo_run "etalon echo 100k" 100000
  for _ in $(seq "$runs"); do
    rm -rf "$work/reports"
    timed "$work/time" "$work/report.log" "$etalon" report "$work/echo-out" --out "$work/reports"
    made=$(ls "$work/reports" 2>/dev/null | wc -l)
    [[ "$made" -ge 5 ]] || { echo "  etalon report wrote $made files:" >&2; tail -5 "$work/report.log" >&2; }
    "$python" "$tools" record --row "etalon report 100k" --time-file "$work/time" --requests 100000 --concurrency 1 \
      --passed "$([[ "$made" -ge 5 ]] && echo 100000 || echo 0)" >>"$work/runs.jsonl"
    recorded "etalon report 100k"
  done
fi

# --- the table -----------------------------------------------------------------------
"$python" "$tools" table "$work/runs.jsonl" ${out:+--out "$out"}
