#!/usr/bin/env bash
# spark-submit wrapper for a GPU cluster (YARN, Kubernetes or standalone; one GPU per executor).
set -euo pipefail
usage() {
  cat <<'USAGE'
usage: scripts/submit.sh [--master URL] [--cpu] <command> [job options]
  e.g. scripts/submit.sh --master yarn superres --catalog s3a://bucket/catalog --output s3a://bucket/out
  --master URL   yarn (default), k8s://https://HOST:PORT or spark://HOST:PORT
  --cpu          no GPU resources: executors run the models on their CPUs
Before submitting, the cluster is asked whether it offers the "gpu" resource each task requests
(yarn node -list -showDetails; kubectl get nodes; the standalone master's /json page), since a
job asking for a resource no node has waits forever. Set GPU_CHECK=off to skip that question.
Environment (all optional):
  SPARK_SUBMIT      spark-submit to use (default: spark-submit on PATH, else the project's own:
                    Spark's SparkSubmit from the build's jars, run by java; client mode)
  DRIVER_MEMORY     driver heap (default 4g)
  EXECUTORS         number of executors (default 4); EXECUTOR_CORES cores each (default 8)
  EXECUTOR_MEMORY   executor heap (default 24g); EXECUTOR_OVERHEAD native memory (default 16g)
  GPU_DISCOVERY     GPU discovery script on the executors
                    (default: scripts/gpu-discovery.sh, shipped with --files)
  GDAL_JNI_DIR      folder with libgdalalljni.so on every node (default /opt/diffusionsat/gdal-jni;
                    install it there with GDAL_JNI_DIR=/opt/diffusionsat/gdal-jni scripts/setup-gdal-jni.sh)
  LIBTORCH_DIR      folder with a CUDA libtorch on the executors (PYTORCH_LIBRARY_PATH for DJL)
  SPARK_MASTER_UI   standalone master's web UI (default http://HOST:8080 of --master)
  EXTRA_CONF        more "--conf k=v" arguments
  LOCAL_JAR=1       the jar lies at this path on every node too (a cluster on this machine, or a
                    shared file system): submitted as local:, executors load it from there instead
                    of fetching a copy of it from the driver
  DRY_RUN=1         print the spark-submit command line instead of running it
USAGE
}
die() { echo "error: $*" >&2; exit 2; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
master=yarn
gpu=true
while [[ $# -gt 0 ]]; do
  case $1 in
    --master) [[ $# -ge 2 ]] || die "--master needs a URL"; master=$2; shift 2 ;;
    --cpu) gpu=false; shift ;;
    -h|--help) usage; exit 0 ;;
    *) break ;;
  esac
done
if [[ $# -eq 0 ]]; then usage >&2; exit 2; fi

# Whether any node of the cluster offers the "gpu" resource (0 yes, 1 no, 2 cannot tell).
cluster_has_gpus() {
  case $master in
    local*) return 1 ;;
    yarn*)
      command -v yarn >/dev/null || return 2
      yarn node -list -showDetails 2>/dev/null | grep -qi 'yarn.io/gpu' ;;
    k8s://*)
      command -v kubectl >/dev/null || return 2
      kubectl get nodes -o jsonpath='{.items[*].status.allocatable}' 2>/dev/null \
        | grep -q 'nvidia.com/gpu' ;;
    spark://*)
      command -v curl >/dev/null || return 2
      local host=${master#spark://}; host=${host%%:*}
      local page
      page=$(curl -fsS --max-time 10 "${SPARK_MASTER_UI:-http://$host:8080}/json/") || return 2
      grep -q '"gpu"' <<<"$page" ;;
    *) return 2 ;;
  esac
}

if [[ $gpu == true && ${GPU_CHECK:-on} != off ]]; then
  status=0
  cluster_has_gpus || status=$?
  if [[ $status -eq 1 ]]; then
    die "the cluster at --master $master offers no \"gpu\" resource, and every task asks for one (it would wait forever); run with --cpu, or add GPU nodes"
  elif [[ $status -eq 2 ]]; then
    die "cannot ask the cluster at --master $master whether it offers GPUs (no yarn, kubectl or curl answer); run with --cpu, or set GPU_CHECK=off if you know it does"
  fi
fi

jar=$root/job/target/diffusionsat.jar
[[ -f $jar ]] || die "build the jar first: mvn -B -q package -DskipTests"
discovery=${GPU_DISCOVERY:-$root/scripts/gpu-discovery.sh}
gdal_jni=${GDAL_JNI_DIR:-/opt/diffusionsat/gdal-jni}
module_opts=$(grep -v '^[[:space:]]*\(#\|$\)' "$root/conf/jvm.options" | tr '\n' ' ')
java_opts="$module_opts -Djava.library.path=$gdal_jni -Dai.djl.pytorch.num_interop_threads=1"
env_conf=(--conf spark.executorEnv.DJL_OFFLINE=true --conf spark.executorEnv.OPT_OUT_TRACKING=true)
if [[ -n ${LIBTORCH_DIR:-} ]]; then
  env_conf+=(--conf "spark.executorEnv.PYTORCH_LIBRARY_PATH=$LIBTORCH_DIR")
fi
# One GPU per executor and per task: the per-executor model cache then holds one model per GPU.
gpu_conf=()
if [[ $gpu == true ]]; then
  gpu_conf=(--conf spark.executor.resource.gpu.amount=1
    --conf spark.task.resource.gpu.amount=1
    --conf spark.executor.resource.gpu.discoveryScript="$(basename "$discovery")"
    --files "$discovery")
fi
# spark-submit: the one named, else the one on the PATH, else the build's own (SparkSubmit in this
# JVM is the client-mode driver, so the driver's JVM options go on its own command line).
if [[ -n ${SPARK_SUBMIT:-} ]]; then
  submit=("$SPARK_SUBMIT")
elif command -v spark-submit >/dev/null; then
  submit=(spark-submit)
else
  [[ -d $root/job/target/spark-lib ]] || die "no spark-submit on the PATH and no job/target/spark-lib; build: mvn -B -q package -DskipTests"
  # shellcheck disable=SC2206 # the module options are words
  submit=(java $module_opts -Xmx"${DRIVER_MEMORY:-4g}" -Djava.library.path="$gdal_jni"
    -Dai.djl.pytorch.num_interop_threads=1 -Dlog4j2.configurationFile="$root/conf/log4j2.properties"
    -cp "$jar:$root/job/target/spark-lib/*" org.apache.spark.deploy.SparkSubmit)
  export DJL_OFFLINE=true OPT_OUT_TRACKING=true
  # A cluster on loopback (scripts/local-cluster.sh): the driver stays on loopback too.
  [[ $master == spark://127.* ]] && export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
fi
command=("${submit[@]}"
  --master "$master" --deploy-mode client
  --driver-memory "${DRIVER_MEMORY:-4g}"
  --class diffusionsat.job.cli.Main
  --num-executors "${EXECUTORS:-4}"
  --executor-cores "${EXECUTOR_CORES:-8}"
  --executor-memory "${EXECUTOR_MEMORY:-24g}"
  --conf spark.executor.memoryOverhead="${EXECUTOR_OVERHEAD:-16g}"
  "${gpu_conf[@]}"
  --conf spark.driver.extraJavaOptions="$java_opts"
  --conf spark.executor.extraJavaOptions="$java_opts"
  --conf spark.hadoop.fs.s3a.fast.upload=true
  --conf spark.hadoop.fs.s3a.retry.limit=10
  --conf spark.hadoop.fs.s3a.attempts.maximum=10
  --conf spark.task.maxFailures=4
  "${env_conf[@]}")
jar_uri=$jar
[[ ${LOCAL_JAR:-0} == 1 ]] && jar_uri=local:$jar
# shellcheck disable=SC2206 # EXTRA_CONF is a list of words by design
command+=(${EXTRA_CONF:-} "$jar_uri" "$@")
if [[ ${DRY_RUN:-0} == 1 ]]; then
  printf '%q ' "${command[@]}"; echo
  exit 0
fi
exec "${command[@]}"
