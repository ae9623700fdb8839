#!/usr/bin/env bash
# Spark GPU discovery script: prints the executor's GPU addresses as Spark's resource JSON.
set -euo pipefail
addresses=$(nvidia-smi --query-gpu=index --format=csv,noheader | sed 's/.*/"&"/' | paste -sd, -)
echo "{\"name\": \"gpu\", \"addresses\": [${addresses}]}"
