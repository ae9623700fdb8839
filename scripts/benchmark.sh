#!/usr/bin/env bash
# Runs one benchmark main class from benchmarks/ with the project's JVM options:
#   scripts/benchmark.sh <ClassName> [args...]    (e.g. SuperResolutionJobBenchmark 200)
# Results are measured, never asserted; record them in benchmarks/results/.
# DIFFUSIONSAT_MAVEN_ARGS adds build options (benchmarks/gpu.sh: -Pcuda, the CUDA libtorch).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
"$root/scripts/setup.sh" >/dev/null
# The build logs to stderr: stdout is the benchmark's own (scripts pick its Markdown rows).
mvn -B -q package -DskipTests ${DIFFUSIONSAT_MAVEN_ARGS:-} -pl benchmarks -am >&2
export DJL_OFFLINE=true OPT_OUT_TRACKING=true SPARK_LOCAL_IP=127.0.0.1
export DJL_CACHE_DIR=${DJL_CACHE_DIR:-$HOME/.cache/diffusionsat/djl}
class=$1
shift
exec java "@$root/conf/jvm.options" -Xmx"${DIFFUSIONSAT_HEAP:-8g}" \
  -Djava.library.path="${GDAL_JNI_DIR:-$HOME/.cache/diffusionsat/gdal-jni}" \
  -Dai.djl.pytorch.num_threads="${DIFFUSIONSAT_THREADS:-$(nproc)}" \
  -Dai.djl.pytorch.num_interop_threads=1 \
  -Dlog4j2.configurationFile="$root/conf/log4j2.properties" \
  -cp "$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")" \
  "diffusionsat.bench.$class" "$@"
