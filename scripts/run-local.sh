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
mvn -B -q package -DskipTests
mkdir -p "$out"
"$root/scripts/diffusionsat" catalog --input "$root/conf/samples/sentinel2" \
  --output "$out/catalog/sentinel2"
"$root/scripts/diffusionsat" superres --catalog "$out/catalog/sentinel2" --output "$out" \
  --run-id local --config "$root/conf/local.yaml"
echo
echo "outputs:"
echo "  catalogue:  $out/catalog/sentinel2"
echo "  tiles:      $out/superres/local/tiles/"
echo "  results:    $out/superres/local/results/"
echo "  metrics:    $out/superres/local/metrics/"
echo "  summary:    $out/superres/local/summary/summary.md"
cat "$out/superres/local/summary/summary.md"
