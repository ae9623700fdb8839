#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: installs what is missing (Maven, GDAL and
# its Java bindings), then builds and runs every unit (*Test) and integration (*IT) test.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
cd "$root"
mvn -B verify "$@"
