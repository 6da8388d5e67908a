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
# With CDS_ROOT=DIR the three paths are as a system whose root is DIR sees them (the worker image's
# rootfs: /opt/atoll/java, /opt/atoll/runtime.jar), and the job runs there, under
# `unshare --mount --pid --fork chroot DIR` (root only), as the archive names the jar by that path.
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
root="${CDS_ROOT:-}"
java="$1/bin/java"
jar="$2"
if [[ -z "$root" ]]; then # absolute: the job runs in a directory of its own
  [[ -d "$1" ]] && java="$(cd "$1" && pwd)/bin/java"
  jar="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
fi
archive="$3"
[[ -x "$root$java" ]] || { echo "build-cds: $root$java not found" >&2; exit 1; }
[[ -f "$root$jar" ]] || { echo "build-cds: $root$jar not found" >&2; exit 1; }

if [[ -n "$root" ]]; then
  work="$(mktemp -d "$root/tmp/cds-training.XXXXXX")"
else
  work="$(mktemp -d)"
fi
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
rm -f "$root$archive"
mkdir -p "$(dirname "$root$archive")"
train() {
  if [[ -n "$root" ]]; then
    # the JVM finds its own libraries through /proc/self/exe; the job's native LevelDB library is
    # unpacked under the chroot's /root/.cache for the run and removed with it
    unshare --mount --pid --fork chroot "$root" /bin/sh -c "mount -t proc proc /proc && cd ${work#"$root"} \
      && $java -XX:ArchiveClassesAtExit=$archive -Xmx256m -jar $jar run --config cluster.conf train.conf"
    rm -rf "$root/root/.cache"
  else
    (cd "$work" && "$java" -XX:ArchiveClassesAtExit="$archive" -jar "$jar" run --config cluster.conf train.conf)
  fi
}
# The JVM writes the archive as the job's JVM exits; its warnings about classes CDS cannot hold
# (pre-Java-6 class files, JFR events) go to the log, shown only if no archive came out.
if ! train > "$work/train.log" 2>&1 || [[ ! -s "$root$archive" ]]; then
  tail -30 "$work/train.log" >&2
  echo "build-cds: no archive written to $root$archive" >&2
  exit 1
fi
echo "build-cds: $root$archive ($(du -h "$root$archive" | cut -f1), $(( SECONDS - start )) s)"
