#!/usr/bin/env bash
# Lays out the distribution unpacked, as the tarball holds it (run by deploy's Maven build at
# prepare-package; the tarball is packed from this directory):
#
#   src/build/stage.sh OUT_DIR RUNTIME_JAR NATIVE_RUNTIME
#
#   OUT_DIR/bin/       atoll (the launcher), atoll-node.sh, atoll-local-cluster.sh
#   OUT_DIR/conf/      atoll.conf, logback.xml
#   OUT_DIR/systemd/   atoll-master.service, atoll-worker.service
#   OUT_DIR/lib/       runtime.jar, and atoll.jsa (AppCDS archive) with the native runtime
#   OUT_DIR/runtime/   the jlink'ed Java runtime (NATIVE_RUNTIME true, or auto and the JDK can)
#
# NATIVE_RUNTIME: true (must build it), false (do not), auto (build it when this JDK has jlink and
# its jmods, else say why not and go on). The jlink runtime is built by ../jlink/build-runtime.sh and the CDS
# archive by ../jlink/build-cds.sh, against OUT_DIR/lib/runtime.jar at its final path. The jlink
# runtime is reused when runtime.jar's module list did not change (kept in runtime/atoll-modules
# next to the jar's checksum), so a rebuild pays only for the CDS archive (~10 s).
set -euo pipefail

out="$1"
jar="$2"
native="${3:-false}"
deploy="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[[ -f "$jar" ]] || { echo "stage: $jar not found; build runtime first (mvn -pl runtime -am package)" >&2; exit 1; }

# Keep a jlink runtime built before (it takes ~1-2 min) while runtime.jar is the same.
keep=""
if [[ -d "$out/runtime" && -f "$out/runtime/atoll-jar.sha256" ]] \
    && [[ "$(cat "$out/runtime/atoll-jar.sha256")" == "$(sha256sum < "$jar" | cut -d' ' -f1)" ]]; then
  keep="$(mktemp -d)"
  mv "$out/runtime" "$keep/runtime"
fi
rm -rf "$out"
mkdir -p "$out/bin" "$out/conf" "$out/systemd" "$out/lib"
cp -p "$deploy"/bin/* "$out/bin/"
chmod 0755 "$out"/bin/*
cp -p "$deploy"/conf/* "$out/conf/"
cp -p "$deploy"/systemd/*.service "$out/systemd/"
cp -p "$jar" "$out/lib/runtime.jar"

if [[ "$native" == auto ]]; then
  java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
  if [[ -x "$java_home/bin/jlink" && -d "$java_home/jmods" ]]; then
    native=true
  else
    echo "stage: no jlink runtime or CDS archive: $java_home has no bin/jlink or jmods/ (Debian: openjdk-17-jdk-headless); bin/atoll will use the system Java"
  fi
fi
if [[ "$native" == true ]]; then
  if [[ -n "$keep" ]]; then
    mv "$keep/runtime" "$out/runtime"
    rmdir "$keep"
    echo "stage: jlink runtime kept (runtime.jar unchanged)"
  else
    "$deploy/jlink/build-runtime.sh" "$out/lib/runtime.jar" "$out/runtime"
    sha256sum < "$jar" | cut -d' ' -f1 > "$out/runtime/atoll-jar.sha256"
  fi
  "$deploy/jlink/build-cds.sh" "$out/runtime" "$out/lib/runtime.jar" "$out/lib/atoll.jsa"
elif [[ -n "$keep" ]]; then
  rm -rf "$keep"
fi
echo "stage: $out ($(du -sh "$out" | cut -f1))"
