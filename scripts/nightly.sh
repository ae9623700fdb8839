#!/usr/bin/env bash
# The nightly run for cron: super-resolve the catalogue, evaluate the results (compared with the
# previous night's evaluation) and publish the report. The same steps as
# scripts/airflow/diffusionsat_nightly.py.
#   scripts/nightly.sh CATALOG OUTPUT [PUBLISH]
#   e.g. 0 2 * * * /opt/diffusionsat/scripts/nightly.sh s3a://bucket/catalog s3a://bucket/out \
#                  s3a://bucket/reports >> /var/log/diffusionsat-nightly.log 2>&1
# Run id: nightly-YYYYMMDD (UTC), so that reruns of a night resume it and evaluations sort by date.
# Environment (all optional):
#   LAUNCHER      command that runs a job (default: scripts/diffusionsat, local Spark;
#                 on a cluster: "scripts/submit.sh --master yarn")
#   CONFIG        configuration files layered over the defaults, space-separated
#   RUN_DATE      the night to run, YYYYMMDD (default: today, UTC)
# Exit status: 0 done; 1 too many tiles failed in a job (the report is still written);
# 2 bad arguments or configuration; 3 any other failure.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ $# -lt 2 ]]; then sed -n '2,15p' "$0"; exit 2; fi
catalog=$1
output=${2%/}
publish=${3:-}
run_id=nightly-${RUN_DATE:-$(date -u +%Y%m%d)}
read -r -a launcher <<<"${LAUNCHER:-$root/scripts/diffusionsat}"
config_args=()
for file in ${CONFIG:-}; do config_args+=(--config "$file"); done

echo "nightly $run_id: superres" >&2
superres_status=0
"${launcher[@]}" superres --catalog "$catalog" --output "$output" --run-id "$run_id" \
  "${config_args[@]}" || superres_status=$?
# 1 means some tiles failed (each has a failed row): still evaluate what finished.
if [[ $superres_status -gt 1 ]]; then
  echo "nightly $run_id: superres failed with status $superres_status" >&2
  exit "$superres_status"
fi

echo "nightly $run_id: evaluate" >&2
publish_args=()
if [[ -n $publish ]]; then publish_args=(--set "evaluate.publishTo=$publish"); fi
evaluate_status=0
"${launcher[@]}" evaluate --catalog "$catalog" --results "$output/superres/$run_id" \
  --output "$output" --run-id "$run_id" "${config_args[@]}" "${publish_args[@]}" \
  || evaluate_status=$?

if [[ $evaluate_status -gt 1 ]]; then
  echo "nightly $run_id: evaluate failed with status $evaluate_status" >&2
  exit "$evaluate_status"
fi
echo "nightly $run_id: report at $output/evaluate/$run_id/report/index.html" \
  "${publish:+and $publish/latest/index.html}" >&2
exit $((superres_status > evaluate_status ? superres_status : evaluate_status))
