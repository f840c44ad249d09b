#!/usr/bin/env bash
# Runs etalon's Slurm path for real on this machine: starts munged, slurmctld
# and slurmd (Debian's slurm-wlm and munge, see ci/setup.sh) on localhost with
# a generated slurm.conf, submits a 4-task shard array and the dependent merge
# through ci/slurm/submit.sh, waits, and checks that the merged summary equals
# an unsharded run's apart from timings. Stops every daemon it started, on
# success or failure. Needs root (the daemons run as root); exits 77 (a ctest
# skip) otherwise.
#   ci/slurm/test_slurm.sh ETALON_BINARY
set -euo pipefail

if [ "$#" -ne 1 ]; then
  echo "usage: $0 ETALON_BINARY" >&2
  exit 2
fi
etalon=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
shard_count=4
timeout_s=300

if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: starting slurmctld, slurmd and munged needs root; run as root to test the Slurm path"
  exit 77
fi
for program in munged slurmctld slurmd sbatch squeue sinfo jq; do
  if ! command -v "$program" >/dev/null 2>&1; then
    echo "FAIL: $program is missing; install the packages with: bash ci/setup.sh" >&2
    exit 1
  fi
done

work=$(mktemp -d /tmp/etalon-slurm.XXXXXX)
chmod 755 "$work"
pids=()
stop_daemons() {
  local status=$?
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ "$status" -ne 0 ]; then
    echo "--- logs kept in $work" >&2
    tail -n 20 "$work"/*.log >&2 2>/dev/null || true
  else
    rm -rf "$work"
  fi
}
trap stop_daemons EXIT

# A TCP port nothing listens on (Slurm daemons take a fixed port, not 0),
# below the kernel's ephemeral range: a port there is never a connection's
# own end, so the hundreds of loopback connections another test has just
# closed (in TIME_WAIT) cannot hold it. An earlier range that overlapped
# the ephemeral one made slurmd fail with "Address already in use".
ephemeral_low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
highest_port=$((ephemeral_low - 1))
[ "$highest_port" -gt 21000 ] || highest_port=60000
free_port() {
  local port
  for port in $(shuf -i "20000-$highest_port" -n 50); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  return 1
}
slurmctld_port=$(free_port)
slurmd_port=$(free_port)
while [ "$slurmd_port" = "$slurmctld_port" ]; do
  slurmd_port=$(free_port)
done

started=$(date +%s)
mkdir -p "$work/state" "$work/spool" "$work/munge"
chmod 711 "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
munge_socket="$work/munge/munge.socket"
munged --foreground --force --key-file="$work/munge/munge.key" --socket="$munge_socket" \
  --pid-file="$work/munge/munged.pid" --seed-file="$work/munge/munged.seed" >>"$work/munged.log" 2>&1 &
pids+=($!)

host=$(hostname -s)
cpus=$(nproc)
cat >"$work/slurm.conf" <<CONF
ClusterName=etalon-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$slurmctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$munge_socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
NodeName=etalon-node NodeHostname=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=etalon Nodes=etalon-node Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"

for _ in $(seq 50); do [ -S "$munge_socket" ] && break; sleep 0.1; done
slurmctld -D -i -f "$SLURM_CONF" >>"$work/slurmctld.log" 2>&1 &
pids+=($!)
slurmd -D -N etalon-node -f "$SLURM_CONF" >>"$work/slurmd.log" 2>&1 &
pids+=($!)

deadline=$((started + timeout_s))
until [ "$(sinfo -h -N -o %T 2>/dev/null)" = "idle" ]; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "FAIL: the node did not become idle within ${timeout_s}s" >&2
    exit 1
  fi
  sleep 1
done
echo "slurm up after $(($(date +%s) - started))s"

# The plan: the demo's classical baselines on the first 12 samples of their suites.
plan="$source_dir/plans/demo.yaml"
run_options=(--adapters lead3,lead1,bm25-extract,keywords,regex-extract --limit 12)
"$etalon" run "$plan" --out "$work/whole" --quiet "${run_options[@]}"

cd "$work"
read -r array_job merge_job < <(ETALON="$etalon" "$here/submit.sh" "$plan" "$work/sharded" "$shard_count" \
  "${run_options[@]}")
echo "submitted array job $array_job and merge job $merge_job"
while [ -n "$(squeue -h -j "$array_job,$merge_job" 2>/dev/null)" ]; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "FAIL: the jobs did not finish within ${timeout_s}s" >&2
    squeue >&2 || true
    exit 1
  fi
  sleep 1
done

if [ ! -f "$work/sharded/merged/summary.json" ]; then
  echo "FAIL: the merge job wrote no summary" >&2
  cat "$work"/sharded/logs/*.log >&2 || true
  exit 1
fi
for index in $(seq "$shard_count"); do
  [ -f "$work/sharded/shard-$index/summary.json" ] || { echo "FAIL: shard $index did not finish" >&2; exit 1; }
done
# Equal apart from when things ran, how long requests took and the energy measured over that time.
# The floor's value per kWh and per euro divides by energy and server time, which vary between runs too.
without_timings='del(.run.started_at, .run.finished_at, .run_energy) | .results |= map(del(.latency_ms, .throughput, .energy))
  | .suites |= map(if .floor.rows then .floor.rows |= map(del(.per_kwh, .per_1000_eur)) else . end)'
if ! diff <(jq -S "$without_timings" "$work/whole/summary.json") \
          <(jq -S "$without_timings" "$work/sharded/merged/summary.json") >"$work/summary.diff"; then
  echo "FAIL: the merged summary differs from the unsharded one:" >&2
  cat "$work/summary.diff" >&2
  exit 1
fi
echo "PASS: $shard_count shards merged by Slurm equal the unsharded run ($(jq '.totals.recorded' \
  "$work/sharded/merged/summary.json") results) in $(($(date +%s) - started))s"
