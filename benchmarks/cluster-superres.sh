#!/usr/bin/env bash
# Bicubic superres on the loopback standalone cluster (scripts/local-cluster.sh) with 1 and then
# 2 workers of one core each, submitted through scripts/submit.sh: tiles per second of the work
# phase (from "N tiles to do" to the first progress line of the last phase, scenes assembled, at
# 100 %; 1 s resolution) and the whole
# submit's wall time (driver and executor start-up, tables), and the speed-up of the 2nd worker.
#   benchmarks/cluster-superres.sh [tiles (default 60)] [workers... (default 1 2)]
# Prints Markdown; inputs are copies of conf/samples/sentinel2 (100 x 101 px, 13 bands). The job
# waits until every worker's executor has registered (spark.scheduler.minRegisteredResourcesRatio
# 1), so that the work phase does not include an executor's start-up, nor share the CPU with it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tiles=${1:-60}
shift $(($# > 0 ? 1 : 0))
workers=("$@")
[[ ${#workers[@]} -gt 0 ]] || workers=(1 2)
work=$(mktemp -d)
export DIFFUSIONSAT_CLUSTER_DIR=$work/cluster
# CLUSTER_BENCH_LOGS=<folder> keeps the drivers' logs there.
trap '"$root/scripts/local-cluster.sh" stop >/dev/null 2>&1 || true
  [[ -z ${CLUSTER_BENCH_LOGS:-} ]] || cp "$work"/w*.log "$CLUSTER_BENCH_LOGS"/; rm -rf "$work"' EXIT
mkdir -p "$work/inputs"
samples=("$root"/conf/samples/sentinel2/*.tif)
for ((i = 0; i < tiles; i++)); do
  sample=${samples[i % ${#samples[@]}]}
  name=$(basename "$sample" .tif)
  cp "$sample" "$work/inputs/t$(printf %04d "$i")_$name.tif"
  cp "${sample%.tif}.json" "$work/inputs/t$(printf %04d "$i")_$name.json"
done
"$root/scripts/diffusionsat" catalog --input "$work/inputs" --output "$work/catalog" >/dev/null 2>&1
epoch() { date -u -d "$(date -u +%F) $1" +%s; }
echo "| workers x cores | tiles | work phase s | tiles/s | submit wall s |"
echo "|---:|---:|---:|---:|---:|"
for n in "${workers[@]}"; do
  url=$("$root/scripts/local-cluster.sh" start --workers "$n" --port 17177 --ui-port 18180 2>/dev/null)
  start=$(date +%s.%N)
  GDAL_JNI_DIR=${GDAL_JNI_DIR:-$HOME/.cache/diffusionsat/gdal-jni} EXECUTOR_CORES=1 \
    EXECUTOR_MEMORY=1g DRIVER_MEMORY=2g EXECUTORS=$n \
    EXTRA_CONF="--conf spark.scheduler.minRegisteredResourcesRatio=1.0
      --conf spark.scheduler.maxRegisteredResourcesWaitingTime=300s" \
    "$root/scripts/submit.sh" --master "$url" --cpu superres --catalog "$work/catalog" \
    --output "$work/out" --run-id "w$n" --set s3a.committer=file \
    --set job.progressIntervalSeconds=1 >"$work/w$n.out" 2>"$work/w$n.log"
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  first=$(grep -m1 'tiles to do' "$work/w$n.log" | cut -c1-8)
  done_at=$(grep -m1 "$tiles/$tiles scenes (100%)" "$work/w$n.log" | cut -c1-8)
  phase=$(($(epoch "$done_at") - $(epoch "$first")))
  printf '| %d x 1 | %d | %d | %.2f | %.0f |\n' "$n" "$tiles" "$phase" \
    "$(echo "$tiles / $phase" | bc -l)" "$wall"
  "$root/scripts/local-cluster.sh" stop >/dev/null 2>&1
done
