#!/usr/bin/env bash
# A Spark standalone cluster on this machine's loopback, from the build's own jars (no Spark
# installation): one master and N workers, each executor in its own JVM.
set -euo pipefail
usage() {
  cat <<'USAGE'
usage: scripts/local-cluster.sh start [--workers N] [--cores C] [--memory M] [--port P] [--ui-port U]
       scripts/local-cluster.sh stop | status
  start     starts the master and N workers (default 2) and waits until all have registered;
            prints the master URL (spark://127.0.0.1:P) on stdout. Worker i listens on 127.0.0.i,
            a loopback address of its own: Spark treats each worker as a host, so speculative
            copies of a task (spark.speculation) can run on the other worker.
  --cores   cores each worker offers (default 1); --memory its executors' memory (default 2g)
  --port    the master's port (default 7077); --ui-port its web UI, with /json (default 8080)
  stop      stops workers (and their executors) and master; nothing running is not an error
  status    prints the master URL and the alive workers; exit 0 running, 3 not running
Then: scripts/submit.sh --master spark://127.0.0.1:P --cpu superres --catalog ... --output ...
Environment: DIFFUSIONSAT_CLUSTER_DIR (state: pid files, logs, work dirs; default
target/local-cluster), CLUSTER_START_SECONDS (how long start waits for the workers, default 120).
Needs the jar: mvn -B -q package -DskipTests
USAGE
}
die() { echo "local-cluster: $*" >&2; exit 2; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state=${DIFFUSIONSAT_CLUSTER_DIR:-$root/target/local-cluster}

alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }
ui_url() { cat "$state/ui-url"; }
# The master's JSON page (its state and the workers it knows), empty when it does not answer.
master_json() { curl -fsS --max-time 5 "$(ui_url)/json/" 2>/dev/null || true; }
alive_workers() { master_json | jq -r '.aliveworkers // 0' 2>/dev/null || echo 0; }

# The folder Spark's worker takes as SPARK_HOME: jars/ with Spark's jars and the application jar
# (which carries slf4j and netty that spark-lib lacks), linked, not copied.
spark_home() {
  local jar=$root/job/target/diffusionsat.jar lib=$root/job/target/spark-lib
  [[ -f $jar && -d $lib ]] || die "build the jar first: mvn -B -q package -DskipTests"
  rm -rf "$state/spark-home"
  mkdir -p "$state/spark-home/jars"
  ln -s "$lib"/*.jar "$jar" "$state/spark-home/jars/"
}

# Starts one daemon in the background with its log and pid file.
daemon() {
  local name=$1 host=$2; shift 2
  # SPARK_LOCAL_IP: web UIs bind to it (else to every interface).
  SPARK_LOCAL_IP=$host SPARK_HOME=$state/spark-home SPARK_SCALA_VERSION=2.13 \
    nohup java "@$root/conf/jvm.options" -Xmx512m \
      -Dlog4j2.configurationFile="$root/conf/log4j2.properties" \
      -cp "$state/spark-home/jars/*" "$@" >"$state/$name.log" 2>&1 </dev/null &
  echo $! >"$state/$name.pid"
}

start() {
  local workers=2 cores=1 memory=2g port=7077 ui_port=8080
  while [[ $# -gt 0 ]]; do
    [[ $# -ge 2 ]] || die "$1 needs a value"
    case $1 in
      --workers) workers=$2 ;;
      --cores) cores=$2 ;;
      --memory) memory=$2 ;;
      --port) port=$2 ;;
      --ui-port) ui_port=$2 ;;
      *) die "unknown option $1 (see --help)" ;;
    esac
    shift 2
  done
  [[ $workers =~ ^[1-9][0-9]?$ && $workers -le 254 ]] || die "--workers $workers: give 1 to 254"
  [[ $cores =~ ^[1-9][0-9]*$ ]] || die "--cores $cores: give a positive number"
  if alive "$state/master.pid"; then
    echo "local-cluster: already running (scripts/local-cluster.sh stop first to change it)" >&2
    cat "$state/master-url"
    return 0
  fi
  mkdir -p "$state"
  rm -f "$state"/*.pid
  spark_home
  local url=spark://127.0.0.1:$port
  echo "$url" >"$state/master-url"
  echo "http://127.0.0.1:$ui_port" >"$state/ui-url"
  daemon master 127.0.0.1 org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$port" --webui-port "$ui_port"
  local i
  for ((i = 1; i <= workers; i++)); do
    mkdir -p "$state/worker-$i"
    daemon "worker-$i" "127.0.0.$i" org.apache.spark.deploy.worker.Worker \
      --host "127.0.0.$i" --cores "$cores" --memory "$memory" --webui-port 0 \
      --work-dir "$state/worker-$i" "$url"
  done
  local deadline=$((SECONDS + ${CLUSTER_START_SECONDS:-120})) registered=0
  while ((SECONDS < deadline)); do
    registered=$(alive_workers)
    ((registered >= workers)) && break
    alive "$state/master.pid" || break
    sleep 1
  done
  if ((registered < workers)); then
    echo "local-cluster: $registered of $workers workers registered; logs in $state" >&2
    tail -n 5 "$state"/*.log >&2 || true
    stop
    exit 3
  fi
  echo "local-cluster: master $url (web UI $(ui_url)), $workers workers x $cores cores, logs in $state" >&2
  echo "$url"
}

# SIGTERM (a worker then stops its executors), SIGKILL whatever is left after 15 s.
stop_one() {
  local pidfile=$1 pid
  alive "$pidfile" || { rm -f "$pidfile"; return 0; }
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < 150; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

stop() {
  [[ -d $state ]] || return 0
  local pidfile
  for pidfile in "$state"/worker-*.pid; do
    [[ -e $pidfile ]] && stop_one "$pidfile"
  done
  stop_one "$state/master.pid"
  echo "local-cluster: stopped" >&2
}

status() {
  if ! alive "$state/master.pid"; then
    echo "local-cluster: not running" >&2
    exit 3
  fi
  echo "$(cat "$state/master-url") web UI $(ui_url), $(alive_workers) alive workers"
}

case ${1:-} in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  -h|--help) usage ;;
  *) usage >&2; exit 2 ;;
esac
