#!/usr/bin/env bash
# One kill-and-resume run on the loopback standalone cluster, as a user would do it: 40 copies of
# the bundled samples, superres submitted with one tile a partition, the driver killed with
# SIGKILL once 12 records are published, then the same submit again (same run id). Prints what
# the rerun carried over and whether every COG finished before the kill is untouched.
#   benchmarks/kill-and-resume.sh [new work folder (default: a temporary one)]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work/inputs"
export DIFFUSIONSAT_CLUSTER_DIR=$work/cluster
export GDAL_JNI_DIR=${GDAL_JNI_DIR:-$HOME/.cache/diffusionsat/gdal-jni}
trap '"$root/scripts/local-cluster.sh" stop >/dev/null 2>&1 || true' EXIT

i=0
for copy in $(seq 8); do
  for sample in "$root"/conf/samples/sentinel2/*.tif; do
    name=$(printf 't%03d_%s' "$i" "$(basename "$sample" .tif)")
    cp "$sample" "$work/inputs/$name.tif"
    cp "${sample%.tif}.json" "$work/inputs/$name.json"
    i=$((i + 1))
  done
done
"$root/scripts/diffusionsat" catalog --input "$work/inputs" --output "$work/catalog" \
  >"$work/catalog.log" 2>&1
url=$("$root/scripts/local-cluster.sh" start --workers 2 --port 17277 --ui-port 18280)
echo "cluster: $url"
submit() {
  EXECUTOR_CORES=1 EXECUTOR_MEMORY=1g DRIVER_MEMORY=1g "$root/scripts/submit.sh" \
    --master "$url" --cpu superres --catalog "$work/catalog" --output "$work/out" \
    --run-id nightly --set s3a.committer=file --set job.tilesPerPartition=1
}
tiles=$work/out/superres/nightly/tiles
records() { find "$tiles" -name '*.json' 2>/dev/null | wc -l; }

echo "$(date -u +%T) first submit"
submit >"$work/first.out" 2>"$work/first.log" &
first=$!
until [[ $(records) -ge 12 ]]; do
  kill -0 "$first" 2>/dev/null || { echo "the first submit ended early: $work/first.log" >&2; exit 1; }
  sleep 0.5
done
driver=$(pgrep -f 'SparkSubmit.*run-id nightly' | head -1)
kill -9 "$driver"
echo "$(date -u +%T) kill -9 of the driver (pid $driver) with $(records) records published"
wait || true
sleep 20                                        # its executors notice and exit
stat -c '%n %Y %s' "$tiles"/*.tif >"$work/before.txt"
echo "$(wc -l <"$work/before.txt") COGs and $(records) records after the kill"

echo "$(date -u +%T) rerun, same run id"
submit >"$work/rerun.out" 2>"$work/rerun.log"
echo "$(date -u +%T) rerun exit 0"
grep -E 'carried over' "$work/rerun.log" | cut -c1-200
while read -r file _; do stat -c '%n %Y %s' "$file"; done <"$work/before.txt" >"$work/after.txt"
if cmp -s "$work/before.txt" "$work/after.txt"; then
  echo "every COG finished before the kill untouched (mtime, size)"
else
  echo "COGs finished before the kill were rewritten:"; diff "$work/before.txt" "$work/after.txt" || true
fi
echo "tiles/: $(find "$tiles" -name '*.tif' | wc -l) COGs, $(records) records, \
$(find "$work/out" -name '*.tmp*' -o -name '_temporary' | wc -l) temporary files"
