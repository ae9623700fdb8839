#!/usr/bin/env bash
# spark-submit wrapper for a GPU cluster (YARN or Kubernetes, one GPU per executor):
#   scripts/submit.sh --master yarn <command> [job options]
#   e.g. scripts/submit.sh --master yarn superres --catalog s3a://bucket/catalog --output s3a://bucket/out
# Environment (all optional):
#   SPARK_SUBMIT        spark-submit to use (default: spark-submit on PATH)
#   EXECUTORS           number of executors (default 4)
#   EXECUTOR_MEMORY     executor heap (default 24g); EXECUTOR_OVERHEAD native memory (default 16g)
#   GPU_DISCOVERY       GPU discovery script on the executors
#                       (default: scripts/gpu-discovery.sh, shipped with --files)
#   GDAL_JNI_DIR        folder with libgdalalljni.so on the executors (default as the launcher)
#   LIBTORCH_DIR        folder with a CUDA libtorch on the executors (PYTORCH_LIBRARY_PATH for DJL)
#   EXTRA_CONF          more "--conf k=v" arguments
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
master=yarn
if [[ ${1:-} == --master ]]; then master=$2; shift 2; fi
if [[ $# -eq 0 ]]; then sed -n '2,16p' "$0"; exit 2; fi
jar=$root/job/target/diffusionsat.jar
[[ -f $jar ]] || { echo "error: build the jar first: mvn -B -q package -DskipTests" >&2; exit 2; }
discovery=${GPU_DISCOVERY:-$root/scripts/gpu-discovery.sh}
gdal_jni=${GDAL_JNI_DIR:-/opt/diffusionsat/gdal-jni}
module_opts=$(tr '\n' ' ' <"$root/conf/jvm.options")
java_opts="$module_opts -Djava.library.path=$gdal_jni -Dai.djl.pytorch.num_interop_threads=1"
env_conf=(--conf spark.executorEnv.DJL_OFFLINE=true --conf spark.executorEnv.OPT_OUT_TRACKING=true)
if [[ -n ${LIBTORCH_DIR:-} ]]; then
  env_conf+=(--conf "spark.executorEnv.PYTORCH_LIBRARY_PATH=$LIBTORCH_DIR")
fi
# One GPU per executor and per task: the per-executor model cache then holds one model per GPU.
exec "${SPARK_SUBMIT:-spark-submit}" \
  --master "$master" --deploy-mode client \
  --class diffusionsat.job.cli.Main \
  --num-executors "${EXECUTORS:-4}" \
  --executor-cores "${EXECUTOR_CORES:-8}" \
  --executor-memory "${EXECUTOR_MEMORY:-24g}" \
  --conf spark.executor.memoryOverhead="${EXECUTOR_OVERHEAD:-16g}" \
  --conf spark.executor.resource.gpu.amount=1 \
  --conf spark.task.resource.gpu.amount=1 \
  --conf spark.executor.resource.gpu.discoveryScript="$(basename "$discovery")" \
  --files "$discovery" \
  --conf spark.driver.extraJavaOptions="$java_opts" \
  --conf spark.executor.extraJavaOptions="$java_opts" \
  --conf spark.hadoop.fs.s3a.fast.upload=true \
  --conf spark.hadoop.fs.s3a.retry.limit=10 \
  --conf spark.hadoop.fs.s3a.attempts.maximum=10 \
  --conf spark.task.maxFailures=4 \
  "${env_conf[@]}" \
  ${EXTRA_CONF:-} \
  "$jar" "$@"
