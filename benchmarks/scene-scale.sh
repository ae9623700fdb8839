#!/usr/bin/env bash
# Scale of superres on whole scenes: one synthetic N x N x 13 scene per JVM (heap
# DIFFUSIONSAT_HEAP, default 2g), Markdown rows on stdout, uptime before and after each run.
#   benchmarks/scene-scale.sh <work folder> <N>... [-- --set key=value ...]
# e.g. benchmarks/scene-scale.sh /tmp/scale 1000 2500 5000 10980
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$1
shift
sizes=()
while [[ $# -gt 0 && $1 != "--" ]]; do sizes+=("$1"); shift; done
[[ ${1:-} == "--" ]] && shift
export DIFFUSIONSAT_HEAP=${DIFFUSIONSAT_HEAP:-2g}
mkdir -p "$work"
echo "| scene | output | type | ok | wall s | s per output MP | peak RSS MB | COG GB |"
echo "|---|---|---|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  scene="$work/scene-$n.tif"
  if [[ ! -f $scene ]]; then
    # A VRT reads all its sources per block: large scenes repeat the 1000 px one.
    [[ $n -le 1000 || -f $work/scene-1000.tif ]] || \
      "$root/scripts/benchmark.sh" SceneScaleBenchmark build 1000 "$work/scene-1000.tif" >&2
    source=$([[ $n -le 1000 ]] || echo "$work/scene-1000.tif")
    "$root/scripts/benchmark.sh" SceneScaleBenchmark build "$n" "$scene" $source >&2
  fi
  rm -rf "$work/run-$n"
  echo "uptime before $n: $(uptime)" >&2
  "$root/scripts/benchmark.sh" SceneScaleBenchmark run "$scene" "$work/run-$n" "$@" \
    2> "$work/run-$n.log" | grep '^|'
  echo "uptime after $n: $(uptime)" >&2
done
