#!/usr/bin/env bash
# The sampling path's stages (VAE decode, text encoder, ControlNet forward, one guided step) at
# the SD 2.1 size, DJL (this project) against the upstream stack on Debian's python3-torch, back
# to back, same thread count, each side as it runs best (see benchmarks/results/StageBenchmark.md):
#   benchmarks/stages-vs-pytorch.sh UPSTREAM_CHECKOUT [threads] [latent] [repeats] [stages]
# stages defaults to vae,text,controlnet,step; groupnorm and groupnorm-mid time the VAE GroupNorm alone.
# UPSTREAM_CHECKOUT is a checkout of the DiffusionSat repository (not part of this project).
# The PyTorch side needs python3-torch with OpenBLAS (libopenblas0-pthread): Debian's reference
# BLAS is ten times slower on the text encoder's matrix products.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
upstream=$1 threads=${2:-2} latent=${3:-32} repeats=${4:-5} stages=${5:-vae,text,controlnet,step}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
DIFFUSIONSAT_THREADS=$threads "$root/scripts/benchmark.sh" StageBenchmark "$stages" "$latent" \
  "$repeats" 2>/dev/null | grep -o 'djl .*'
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=$threads /usr/bin/python3 \
  "$root/benchmarks/pytorch/stages.py" --upstream "$upstream" --stages "$stages" \
  --latent "$latent" --repeats "$repeats" --threads "$threads" 2>/dev/null
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
