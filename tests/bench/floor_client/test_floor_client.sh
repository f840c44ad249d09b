#!/usr/bin/env bash
# A floor client against `etalon simulate` on loopback: every request
# answered, and its check counts right and wrong answers as they are.
#   test_floor_client.sh ETALON FLOOR_CLIENT
set -euo pipefail
etalon=$1 floor_client=$2
work=$(mktemp -d)
server_pid=""
trap '[[ -z "$server_pid" ]] || kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
printf '%s\n' 'model: simulated-chat' 'answers: {mode: fixed, fixed_text: OUI}' \
  'ttft: {distribution: fixed, ms: 1}' 'itl: {distribution: fixed, ms: 0}' >"$work/simulate.yaml"
"$etalon" simulate --config "$work/simulate.yaml" --port 0 --port-file "$work/port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do [[ -s "$work/port" ]] && break; sleep 0.1; done
port=$(tr -d '[:space:]' <"$work/port")
# 30 cases, one in three expecting NON where the simulator says OUI.
for i in $(seq 30); do
  reference=OUI; (( i % 3 == 0 )) && reference=NON
  printf '{"id": "c%d", "question": "Question numéro %d ? Réponds par OUI ou NON.", "reference": "%s"}\n' \
    "$i" "$i" "$reference"
done >"$work/cases.jsonl"
line=$("$floor_client" --port "$port" --dataset "$work/cases.jsonl" --concurrency 4 --model simulated-chat)
echo "$line"
[[ "$line" == 'FLOOR {"failed":10,"passed":20,"requests":30}' ]]
