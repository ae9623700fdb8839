#!/usr/bin/env bash
# One super-resolution tile on an NVIDIA GPU with the CUDA libtorch (Maven profile cuda: DJL
# 0.33.0 + libtorch 2.5.1 cu124, README "GPU clusters"), guidance 7.5, fp16 and bf16, batches of
# 1, 4 and 8 windows: seconds per tile, tiles per second, UNet calls per tile (table rows from
# SuperResolutionTileBenchmark) and the peak GPU memory nvidia-smi saw while each ran.
#   benchmarks/gpu.sh [checkpoint folder] [size] [steps] [batches]
# Defaults: a full-size random-weight checkpoint written once (sd21, ~6.3 GB), 512 px, 20 steps
# (DDIM and DPM-Solver++), batches 1,4,8. The machine needs the CUDA native jar in its Maven
# repository (~/.m2): the GPU machines reach no network, so build once with -Pcuda where the
# registry is reachable and copy ~/.m2/repository/ai/djl/ over (PLATFORM.md, README).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
size=${2:-512} steps=${3:-20} batches=${4:-1,4,8}
command -v nvidia-smi >/dev/null || { echo "gpu.sh: no nvidia-smi here, not a GPU machine" >&2; exit 2; }
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
uptime
work=$(mktemp -d)
trap 'kill "${poller:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
checkpoint=${1:-$work/sd21}
if [ ! -d "$checkpoint" ]; then
  "$root/scripts/diffusionsat" make-checkpoint --output "$checkpoint" --config sd21 \
    --controlnet superres --seed 1
fi
for dtype in f16 bf16; do
  for batch in ${batches//,/ }; do
    nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -i 0 -lms 200 \
      > "$work/memory.txt" &
    poller=$!
    DIFFUSIONSAT_MAVEN_ARGS=-Pcuda "$root/scripts/benchmark.sh" SuperResolutionTileBenchmark \
      "$checkpoint" "$size" gpu "$dtype" "$batch" 3 "ddim:$steps" "dpmsolver++:$steps" \
      | grep -E '^[|#]' | grep -v -- '---'
    kill "$poller"; wait "$poller" 2>/dev/null || true
    echo "peak GPU memory, $dtype, batch $batch: $(sort -n "$work/memory.txt" | tail -1) MiB"
  done
done
uptime
