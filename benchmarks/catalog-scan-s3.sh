#!/usr/bin/env bash
# CatalogScanBenchmark on a loopback S3 server: starts s3proxy (filesystem backend, 127.0.0.1,
# the jar the test build fetches to src-test/target/s3proxy/), creates the bucket, runs the
# benchmark against it with the server's process id (bytes per file = what the server wrote),
# and stops the server.
#   benchmarks/catalog-scan-s3.sh [files]        (default 10000)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
files=${1:-10000}
jar="$root/src-test/target/s3proxy/s3proxy.jar"
if [[ ! -f $jar ]]; then
  echo "no $jar: build the tests once (mvn -B -pl src-test -am test-compile)" >&2
  exit 1
fi
work=$(mktemp -d)
bucket=catalog-bench
mkdir -p "$work/data/$bucket"               # a bucket of the filesystem backend is a folder
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$work/s3proxy.properties" <<EOF
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench-access
s3proxy.credential=bench-secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$work/data
EOF
java -Xmx512m -jar "$jar" --properties "$work/s3proxy.properties" > "$work/s3proxy.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 600); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
"$root/scripts/benchmark.sh" CatalogScanBenchmark "$files" "http://127.0.0.1:$port" \
  bench-access bench-secret "$bucket" "$server"
