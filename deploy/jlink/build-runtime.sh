#!/usr/bin/env bash
# Builds a jlink'ed Java runtime holding only the modules an Atoll node needs.
#
#   deploy/jlink/build-runtime.sh JAR OUT_DIR
#
# The modules are the ones jdeps finds in the fat jar (--print-module-deps --ignore-missing-deps
# --multi-release 17) plus those only reached through reflection or ServiceLoader, which jdeps
# cannot see (EXTRA_MODULES below: TLS/EC crypto, JNDI, JMX, zip file systems, charsets, DNS).
# The runtime is stripped (--strip-debug --no-header-files --no-man-pages, --compress=2); its size
# is printed at the end. --generate-cds-archive gives it the JDK's default CDS archive (lib/server/classes.jsa),
# which the AppCDS archive of deploy/jlink/build-cds.sh is layered on. OUT_DIR is replaced.
#
# Environment (optional):
#   JAVA_HOME          the JDK whose jdeps/jlink and jmods are used (default: the one `java` is in)
#   ATOLL_JLINK_MODULES  a comma-separated module list to use instead of running jdeps (jdeps takes
#                      ~30-70 s on a 2-core machine on the 52 MB jar); EXTRA_MODULES are still added
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 JAR OUT_DIR" >&2
  exit 2
fi
jar="$1"
out="$2"
[[ -f "$jar" ]] || { echo "build-runtime: $jar not found; build it with 'mvn -o -pl runtime -am package -DskipTests'" >&2; exit 1; }

if [[ -z "${JAVA_HOME:-}" ]]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
fi
jdeps="$JAVA_HOME/bin/jdeps"
jlink="$JAVA_HOME/bin/jlink"
for tool in "$jdeps" "$jlink"; do
  [[ -x "$tool" ]] || { echo "build-runtime: $tool not found; install a full JDK 17 (Debian: openjdk-17-jdk-headless) or set JAVA_HOME" >&2; exit 1; }
done
[[ -d "$JAVA_HOME/jmods" ]] || { echo "build-runtime: $JAVA_HOME/jmods missing; jlink needs the JDK's jmods (Debian: openjdk-17-jmods)" >&2; exit 1; }

# Reached only by reflection or ServiceLoader (jdeps cannot see these):
#   jdk.crypto.ec     EC key exchange for TLS (JDBC drivers, HTTPS)
#   java.naming       JNDI (logback, JDBC DataSources), jdk.naming.dns for DNS lookups through it
#   java.management, jdk.management   JMX and the OS/thread MXBeans the node's metrics read
#   jdk.zipfs         the zip file system (plugin jars opened as file systems)
#   jdk.charsets      charsets beyond UTF-8/ISO-8859-1 (file connectors' encoding option)
#   java.sql          JDBC (journal and the Jdbc connector)
#   jdk.unsupported   sun.misc.Unsafe (Netty, Kryo, Aeron)
EXTRA_MODULES="jdk.crypto.ec,java.naming,jdk.naming.dns,java.management,jdk.management,jdk.zipfs,jdk.charsets,java.sql,jdk.unsupported"

start=$SECONDS
if [[ -n "${ATOLL_JLINK_MODULES:-}" ]]; then
  found="$ATOLL_JLINK_MODULES"
else
  echo "build-runtime: finding modules with jdeps in $jar ..."
  found="$("$jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 "$jar" | tail -1)"
fi
modules="$(echo "$found,$EXTRA_MODULES" | tr ',' '\n' | sed '/^$/d' | sort -u | paste -sd, -)"
echo "build-runtime: modules: $modules"

rm -rf "$out"
mkdir -p "$(dirname "$out")"
"$jlink" --module-path "$JAVA_HOME/jmods" --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive --output "$out"
# The archive for compressed oops off (heaps over 32 GB) is never used by a node: 11 MB saved.
rm -f "$out/lib/server/classes_nocoops.jsa"
echo "$modules" > "$out/atoll-modules"
echo "build-runtime: $out ($(du -sh "$out" | cut -f1), $(( SECONDS - start )) s)"
