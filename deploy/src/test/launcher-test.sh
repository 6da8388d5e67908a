#!/usr/bin/env bash
# Checks the unpacked distribution's launcher (run by deploy's Maven build at integration-test,
# skipped with -DskipTests): bin/atoll --version answers with the version line, with the bundled
# jlink runtime and CDS archive when the distribution has them (-Pnative-runtime), and that
# runtime really maps the archive.
#
#   src/test/launcher-test.sh DIST_DIR
set -euo pipefail
dist="$1"
fail() { echo "launcher-test: FAILED: $*" >&2; exit 1; }

out="$("$dist/bin/atoll" --version 2>&1)" || fail "bin/atoll --version exited $?: $out"
[[ "$out" == Atoll\ * ]] || fail "bin/atoll --version printed: $out"
checks=1
# The launcher picks the serial collector unless JAVA_OPTS picks one (two would stop the JVM).
flags="$(JAVA_OPTS="-XX:+PrintCommandLineFlags" "$dist/bin/atoll" --version 2>&1)" || fail "with PrintCommandLineFlags: $flags"
grep -q -- "-XX:+UseSerialGC" <<< "$flags" || fail "the default collector is not serial: $(head -1 <<< "$flags")"
flags="$(JAVA_OPTS="-XX:+UseG1GC -XX:+PrintCommandLineFlags" "$dist/bin/atoll" --version 2>&1)" \
  || fail "JAVA_OPTS=-XX:+UseG1GC: $flags"
grep -q -- "-XX:+UseG1GC" <<< "$flags" || fail "JAVA_OPTS=-XX:+UseG1GC was not used: $(head -1 <<< "$flags")"
checks=$((checks + 2))
if [[ -x "$dist/runtime/bin/java" ]]; then
  if [[ -f "$dist/lib/atoll.jsa" ]]; then
    # The launcher's own options, plus CDS logging: the archive's classes must come from it.
    log="$(JAVA_OPTS="-Xlog:cds=info,cds+dynamic=info" "$dist/bin/atoll" --version 2>&1)" || fail "with CDS logging: $log"
    grep -q "Mapped dynamic region" <<< "$log" || fail "lib/atoll.jsa was not mapped: $(grep -i cds <<< "$log" | tail -5)"
    checks=$((checks + 1))
  fi
  # A stale archive must not stop the node: skipped silently.
  out="$(JAVA_OPTS="-XX:SharedArchiveFile=/nonexistent.jsa" "$dist/bin/atoll" --version 2>&1)" \
    || fail "with a missing archive: $out"
  [[ "$out" == Atoll\ * ]] || fail "with a missing archive, bin/atoll --version printed: $out"
  checks=$((checks + 1))
fi
echo "launcher-test: bin/atoll --version: $(head -1 <<< "$out")"
echo "launcher-test: $checks passed, 0 failed"
