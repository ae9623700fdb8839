#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks (Maven, Chromium, GDAL + its Java bindings);
# skips what is already there, so reruns take well under a second.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if ! command -v mvn >/dev/null 2>&1; then
  echo "setup: installing Maven" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null
fi
# Headless Chromium opens the evaluation report in the integration tests.
if ! command -v chromium >/dev/null 2>&1; then
  echo "setup: installing Chromium" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
"$root/scripts/setup-gdal-jni.sh"
