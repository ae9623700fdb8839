#!/usr/bin/env bash
# One command from a fresh clone to a finished local run: installs what is missing, builds the
# jar, catalogues the bundled samples (conf/samples) and super-resolves them with local[*] Spark.
# Outputs go under out/ (or $1).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$root/out}
"$root/scripts/setup.sh"
cd "$root"
echo "build: mvn -B -q package -DskipTests" >&2
mvn -B -q -Dstyle.color=never package -DskipTests
mkdir -p "$out"
"$root/scripts/diffusionsat" catalog --input "$root/conf/samples/sentinel2" \
  --output "$out/catalog/sentinel2"
"$root/scripts/diffusionsat" superres --catalog "$out/catalog/sentinel2" --output "$out" \
  --run-id local --config "$root/conf/local.yaml"
# generate: text + metadata -> images with a small random-weight checkpoint (noise-like images;
# point model.checkpoint at the released DiffusionSat checkpoint for real ones).
if [ ! -f "$out/checkpoints/tiny/model_index.json" ]; then
  "$root/scripts/diffusionsat" make-checkpoint --output "$out/checkpoints/tiny"
fi
"$root/scripts/diffusionsat" generate --requests "$root/conf/samples/generate/requests.csv" \
  --output "$out" --run-id local --config "$root/conf/local.yaml" \
  --set model.checkpoint="$out/checkpoints/tiny"
echo
echo "outputs:"
echo "  catalogue:  $out/catalog/sentinel2"
echo "  tiles:      $out/superres/local/tiles/"
echo "  results:    $out/superres/local/results/"
echo "  metrics:    $out/superres/local/metrics/"
echo "  summary:    $out/superres/local/summary/summary.md"
echo "  generated:  $out/generate/local/images/ (random-weight checkpoint: noise-like images)"
cat "$out/superres/local/summary/summary.md"
