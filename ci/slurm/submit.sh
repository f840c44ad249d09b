#!/usr/bin/env bash
# Runs a plan as a Slurm job array of N shards, then merges them in a job
# that starts only when every shard succeeded. Prints the two job ids.
#   ci/slurm/submit.sh PLAN OUT_DIR N [etalon run options...]
# ETALON (default: etalon on PATH) is passed to the jobs; so is the rest of
# the environment (sbatch's default --export=ALL).
set -euo pipefail

if [ "$#" -lt 3 ]; then
  echo "usage: $0 PLAN OUT_DIR N [etalon run options...]" >&2
  exit 2
fi
plan=$1
out=$2
count=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out/logs"
array_job=$(sbatch --parsable --array="1-$count" --chdir="$PWD" --output="$out/logs/shard-%a.log" \
  "$here/etalon-shard.sbatch" "$plan" "$out" "$@")
array_job=${array_job%%;*}
merge_job=$(sbatch --parsable --dependency="afterok:$array_job" --kill-on-invalid-dep=yes --chdir="$PWD" \
  --output="$out/logs/merge.log" "$here/etalon-merge.sbatch" "$out")
merge_job=${merge_job%%;*}
echo "$array_job $merge_job"
