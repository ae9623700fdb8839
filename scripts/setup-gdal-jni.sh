#!/usr/bin/env bash
# Build GDAL's own Java JNI library (libgdalalljni.so) against Debian's libgdal.
#
# Debian 12 ships libgdal 3.6.2 but no Java bindings. This script installs
# gdal-bin/libgdal-dev/swig (only if missing), fetches the matching GDAL Debian
# source package (without touching /etc/apt), runs SWIG for gdal/ogr/osr/gdalconst
# and links ONE library, libgdalalljni.so, which the Java classes of the Maven jar
# org.gdal:gdal:3.6.0 load via System.loadLibrary("gdalalljni").
#
# Usage:   scripts/setup-gdal-jni.sh [--verify] [--print-sources]
# Output:  $GDAL_JNI_DIR (default $HOME/.cache/diffusionsat/gdal-jni)/libgdalalljni.so
# Use:     java -Djava.library.path=<that dir> ...
# --verify: compile and run a tiny Java check against org.gdal:gdal:3.6.0 (needs mvn).
# --print-sources: print the deb-src entries made from this machine's apt sources and exit.
set -euo pipefail

VERIFY=0
PRINT_SOURCES=0
for arg in "$@"; do
  case "$arg" in
    --verify) VERIFY=1 ;;
    --print-sources) PRINT_SOURCES=1 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

OUT_DIR="${GDAL_JNI_DIR:-$HOME/.cache/diffusionsat/gdal-jni}"
LIB="$OUT_DIR/libgdalalljni.so"
PKGS=(gdal-bin libgdal-dev swig)
SAMPLE=/work/shared/data/sentinel2/s2_l1c_13band_svn_20150711.tif

log() { echo "[setup-gdal-jni] $*"; }
die() { echo "[setup-gdal-jni] ERROR: $*" >&2; exit 1; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'; }

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# The machine's own apt sources (wherever apt-config says they are), their binary entries turned
# into source entries in $TMP: one-line "deb ..." lines into $TMP/src.list, deb822 stanzas of
# "Types: deb" into $TMP/parts/*.sources. No package host is named here: apt knows its mirror.
# Prints how many entries it made.
source_lists() {
  local list parts f n=0
  eval "$(apt-config shell list Dir::Etc::sourcelist/f parts Dir::Etc::sourceparts/d)"
  mkdir -p "$TMP/parts"
  : > "$TMP/src.list"
  for f in "$list" "$parts"*.list; do
    [[ -f $f ]] || continue
    sed -nE 's/^[[:space:]]*deb([[:space:]])/deb-src\1/p' "$f" >> "$TMP/src.list"
  done
  n=$(grep -c '^deb-src' "$TMP/src.list" || true)
  for f in "$parts"*.sources; do
    [[ -f $f ]] || continue
    sed -E 's/^Types:.*\<deb\>.*$/Types: deb-src/' "$f" > "$TMP/parts/$(basename "$f")"
    n=$((n + $(grep -ciE '^Types:.*deb-src' "$TMP/parts/$(basename "$f")" || true)))
  done
  echo "$n"
}

if [[ $PRINT_SOURCES == 1 ]]; then
  [[ $(source_lists) -gt 0 ]] || die "apt has no sources configured (see apt-config dump | grep Dir::Etc)"
  cat "$TMP/src.list"
  find "$TMP/parts" -name '*.sources' -exec cat {} +
  exit 0
fi

verify() {
  command -v mvn >/dev/null || die "--verify needs mvn"
  log "verifying with org.gdal:gdal:3.6.0 ..."
  mvn -B -q dependency:copy -Dartifact=org.gdal:gdal:3.6.0 -DoutputDirectory="$TMP/v" \
      >"$TMP/mvn.log" 2>&1 || { cat "$TMP/mvn.log" >&2; die "could not fetch org.gdal:gdal:3.6.0"; }
  cat > "$TMP/v/Check.java" <<'EOF'
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
public class Check {
  public static void main(String[] a) {
    gdal.AllRegister();
    gdal.UseExceptions();
    System.out.println(gdal.VersionInfo("RELEASE_NAME") + " drivers=" + gdal.GetDriverCount());
    if (a.length > 0 && new java.io.File(a[0]).isFile()) {
      Dataset ds = gdal.Open(a[0]);
      System.out.println(a[0] + ": " + ds.getRasterXSize() + "x" + ds.getRasterYSize()
          + " bands=" + ds.getRasterCount());
      ds.delete();
    }
  }
}
EOF
  javac -d "$TMP/v" -cp "$TMP/v/gdal-3.6.0.jar" "$TMP/v/Check.java"
  java -Djava.library.path="$OUT_DIR" -cp "$TMP/v/gdal-3.6.0.jar:$TMP/v" Check "$SAMPLE"
}

if [[ -f "$LIB" ]] && installed libgdal-dev && installed gdal-bin; then
  log "up to date: $LIB"
  [[ $VERIFY == 1 ]] && verify
  echo "$OUT_DIR"
  exit 0
fi

[[ $(id -u) == 0 ]] || die "run as root (apt-get is needed)"

# 1. Packages (apt-get update only when something is missing).
missing=()
for p in "${PKGS[@]}"; do installed "$p" || missing+=("$p"); done
if ((${#missing[@]})); then
  log "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v g++ >/dev/null || { log "installing g++"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq g++ >/dev/null; }

if [[ -z "${JAVA_HOME:-}" ]]; then
  command -v javac >/dev/null || die "javac not found; install a JDK or set JAVA_HOME"
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
fi
[[ -f "$JAVA_HOME/include/jni.h" ]] || die "no jni.h under JAVA_HOME=$JAVA_HOME"

# 2. GDAL source matching the installed libgdal, via private deb-src lists made from the
#    machine's apt sources (/etc/apt stays untouched).
SRC_VER="$(dpkg-query -W -f='${source:Version}' libgdal-dev)"
[[ $(source_lists) -gt 0 ]] || die "apt has no sources configured, so the gdal source package \
cannot be fetched: add this machine's Debian mirror to apt's sources (apt-config dump | grep \
Dir::Etc shows where), run apt-get update, then run this script again"
mkdir -p "$TMP/lists/partial" "$TMP/src"
APT_OPTS=(-o Dir::Etc::SourceList="$TMP/src.list" -o Dir::Etc::SourceParts="$TMP/parts"
          -o Dir::State::Lists="$TMP/lists" -o APT::Sandbox::User=root)
log "fetching gdal source $SRC_VER from the machine's apt sources"
apt-get "${APT_OPTS[@]}" update -qq
(cd "$TMP/src" && apt-get "${APT_OPTS[@]}" source -qq --download-only "gdal=$SRC_VER" >/dev/null)
ORIG="$(ls "$TMP"/src/gdal_*.orig.tar.* | head -n1)"
tar -xf "$ORIG" -C "$TMP/src"   # full tree: the .i files include ../../ogr/*.h etc.
SWIG_INC="$(ls -d "$TMP"/src/gdal-*/swig/include | head -n1)"

# 3. SWIG + compile + link.
log "running swig and compiling (JAVA_HOME=$JAVA_HOME)"
B="$TMP/build"; mkdir -p "$B"; pids=()
CXXFLAGS=(-fPIC -O2 -Wno-deprecated-declarations -I"$JAVA_HOME/include" -I"$JAVA_HOME/include/linux" -I/usr/include/gdal)
for m in gdal ogr osr gdalconst; do
  lang=(-c++); ext=cpp; cc=(g++)
  [[ $m == gdalconst ]] && { lang=(); ext=c; cc=(gcc); }
  mkdir -p "$B/java/$m"
  swig "${lang[@]}" -w453,516 -java -package "org.gdal.$m" -outdir "$B/java/$m" \
       -I"$SWIG_INC" -I"$SWIG_INC/java" -o "$B/${m}_wrap.$ext" "$SWIG_INC/$m.i" >/dev/null
  "${cc[@]}" "${CXXFLAGS[@]}" -c "$B/${m}_wrap.$ext" -o "$B/$m.o" & pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || die "compilation failed"; done
g++ -shared -o "$B/libgdalalljni.so" "$B"/*.o -lgdal

mkdir -p "$OUT_DIR"
install -m 0755 "$B/libgdalalljni.so" "$LIB"
log "built $LIB ($(du -k "$LIB" | cut -f1) KB)"
[[ $VERIFY == 1 ]] && verify
echo "$OUT_DIR"
