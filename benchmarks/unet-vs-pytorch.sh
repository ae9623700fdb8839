#!/usr/bin/env bash
# SatUNet forward, DJL (this project) against PyTorch (the upstream implementation, Debian's
# python3-torch), same configuration, batch 1, fp32, same thread count, random weights:
#   benchmarks/unet-vs-pytorch.sh UPSTREAM_CHECKOUT [threads] [latent] [tiny forwards] [sd21 forwards]
# UPSTREAM_CHECKOUT is a checkout of the DiffusionSat repository (not part of this project).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
upstream=$1 threads=${2:-2} latent=${3:-32} tiny=${4:-40} sd21=${5:-4}
DIFFUSIONSAT_THREADS=$threads "$root/scripts/benchmark.sh" UNetForwardBenchmark "$tiny" "$sd21" "$latent" 2>&1 \
  | grep -E "ms/forward" | sed 's/^.*UNetForwardBenchmark: /djl /'
/usr/bin/python3 "$root/benchmarks/pytorch/unet_forward.py" --upstream "$upstream" \
  --threads "$threads" --latent "$latent" --tiny-forwards "$tiny" --sd21-forwards "$sd21" 2>/dev/null
