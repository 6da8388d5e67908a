#!/usr/bin/env bash
# Builds the AppCDS archive a node starts from: the classes a short job loads (Akka, the cluster,
# the job master, a FakeSource -> FieldMapper -> Console pipeline, logback, picocli), parsed and
# laid out once, mapped read-only by every later JVM instead of being loaded from runtime.jar again.
#
#   deploy/jlink/build-cds.sh JAVA_RUNTIME JAR ARCHIVE
#
# JAVA_RUNTIME is a Java runtime directory (the jlink'ed one of build-runtime.sh, which carries the
# JDK's base archive lib/server/classes.jsa that this dynamic archive is layered on); JAR is the
# runtime.jar the launcher will run, by the absolute path it will run it from; ARCHIVE the .jsa
# file to write. The archive is made with -XX:ArchiveClassesAtExit while a 16-row job runs on a
# single-node cluster.
#
# The archive holds to that Java runtime and that runtime.jar (its size and modification time):
# a tarball unpacked elsewhere keeps it valid (tar keeps mtimes), a rebuilt jar or another JVM does
# not. bin/atoll passes -Xshare:auto and turns CDS logging off, so a stale archive is skipped
# silently and the node starts as it would without one.
set -euo pipefail

if [[ $# -ne 3 ]]; then
  echo "usage: $0 JAVA_RUNTIME JAR ARCHIVE" >&2
  exit 2
fi
java="$1/bin/java"
jar="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
archive="$3"
[[ -x "$java" ]] || { echo "build-cds: $java not found" >&2; exit 1; }
[[ -f "$jar" ]] || { echo "build-cds: $jar not found" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/train.conf" <<'JOB'
env { job.name = "cds-training", job.mode = "BATCH", parallelism = 2 }
source {
  FakeSource {
    plugin_output = "fake"
    row.num = 8
    schema = { fields { id = "bigint", name = "string", age = "int", score = "decimal(5, 2)" } }
  }
}
transform {
  FieldMapper { plugin_input = "fake", plugin_output = "people", field_mapper = { id = id, name = full_name } }
}
sink { Console { plugin_input = "people" } }
JOB
# The job runs on a single-node cluster (a plain `run` forms none), so the archive also holds the
# classes of Akka Cluster, Sharding, Singleton and remoting that a master or worker loads.
echo 'akka.actor.provider = cluster' > "$work/cluster.conf"

start=$SECONDS
rm -f "$archive"
mkdir -p "$(dirname "$archive")"
# The JVM writes the archive as the job's JVM exits; its warnings about classes CDS cannot hold
# (pre-Java-6 class files, JFR events) go to the log, shown only if no archive came out.
if ! (cd "$work" && "$java" -XX:ArchiveClassesAtExit="$archive" -jar "$jar" run --config cluster.conf train.conf) > "$work/train.log" 2>&1 \
    || [[ ! -s "$archive" ]]; then
  tail -30 "$work/train.log" >&2
  echo "build-cds: no archive written to $archive" >&2
  exit 1
fi
echo "build-cds: $archive ($(du -h "$archive" | cut -f1), $(( SECONDS - start )) s)"
