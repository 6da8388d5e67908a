#!/usr/bin/env bash
# Runs SeaTunnel's own end-to-end job files (of the plugins Atoll has: FakeSource, LocalFile, Assert,
# Console and the transforms) on Atoll and on SeaTunnel 2.3.4, and counts which pass on each. The job
# files and their data come from a SeaTunnel source tree at tag 2.3.4, which this script does not hold:
#
#   git clone --branch 2.3.4 --depth 1 https://github.com/apache/seatunnel /path/to/seatunnel
#   benchmarks/compat/seatunnel-e2e.sh /path/to/seatunnel
#
# The data is laid out as SeaTunnel's LocalFileIT lays it out in its container (/seatunnel/read/...,
# needs write access to /seatunnel); lzo files are not made (no lzop here): those jobs fail on both.
# A job passes when it exits 0. Atoll runs after `mvn -o -q package -DskipTests`; SeaTunnel with
# shared/peer-seatunnel/run.sh (PEER= to override), at most PEER_TIMEOUT (120) seconds a job.
set -u
SRC=${1:?usage: $0 SEATUNNEL_SOURCE_TREE}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PEER=${PEER:-$ROOT/../shared/peer-seatunnel/run.sh}
JAR=$ROOT/runtime/target/runtime.jar
OUT=${OUT:-$(mktemp -d /tmp/atoll-st-e2e.XXXXXX)}
E2E=$SRC/seatunnel-e2e
FILE=$E2E/seatunnel-connector-v2-e2e/connector-file-local-e2e/src/test/resources
[ -f "$JAR" ] || { echo "no $JAR: build with mvn -o -q package -DskipTests" >&2; exit 2; }
[ -d "$FILE" ] || { echo "$SRC is not a SeaTunnel source tree (no $FILE)" >&2; exit 2; }

put() { mkdir -p "$(dirname "$2")" && cp "$FILE/$1" "$2"; }
rm -rf /seatunnel/read /tmp/fake_empty /tmp/seatunnel
put json/e2e.json /seatunnel/read/json/name=tyrantlucifer/hobby=coding/e2e.json
put text/e2e.txt /seatunnel/read/text/name=tyrantlucifer/hobby=coding/e2e.txt
put text/e2e_delimiter.txt /seatunnel/read/text_delimiter/e2e.txt
put text/e2e_time_format.txt /seatunnel/read/text_time_format/e2e.txt
put excel/e2e.xlsx /seatunnel/read/excel/name=tyrantlucifer/hobby=coding/e2e.xlsx
put excel/e2e.xls /seatunnel/read/excel/name=tyrantlucifer/hobby=coding/e2e.xls
put orc/e2e.orc /seatunnel/read/orc/name=tyrantlucifer/hobby=coding/e2e.orc
put parquet/e2e.parquet /seatunnel/read/parquet/name=tyrantlucifer/hobby=coding/e2e.parquet
put excel/e2e.xlsx /seatunnel/read/excel_filter/name=tyrantlucifer/hobby=coding/e2e_filter.xlsx
mkdir -p /tmp/fake_empty "$OUT/logs"

# writers before the readers of what they write, as LocalFileIT orders them
files=$(find "$E2E" -path '*src/test/resources*' -name '*.conf' \
  \( -path '*connector-fake-e2e*' -o -path '*connector-file-local-e2e*' -o -path '*connector-assert-e2e*' \
     -o -path '*seatunnel-transforms-v2-e2e*' \) | sort | awk '/fake_to_local/ {print "0 " $0; next} {print "1 " $0}' \
  | sort | cut -d' ' -f2-)
both=0; st_only=0; atoll_only=0; neither=0; total=0
printf '%-70s %-6s %-9s\n' job atoll seatunnel
for f in $files; do
  n=$(echo "${f#$E2E/}" | sed 's|/src/test/resources/|__|; s|seatunnel-connector-v2-e2e/||; s|/|_|g')
  java -Xmx512m -jar "$JAR" run "$f" > "$OUT/logs/$n.atoll.log" 2>&1; a=$?
  timeout "${PEER_TIMEOUT:-120}" bash "$PEER" "$f" "-Xmx1g" "$OUT/logs/$n.seatunnel.log" > "$OUT/logs/$n.summary" 2>&1
  s=$(grep -o "'rc': '[0-9]*'" "$OUT/logs/$n.summary" | grep -o '[0-9]*'); s=${s:-124} # run.sh prints the job's status
  pkill -f SeaTunnelClient 2>/dev/null # after a failed job SeaTunnel's client can hang
  total=$((total + 1))
  if [ $a -eq 0 ] && [ $s -eq 0 ]; then both=$((both + 1));
  elif [ $s -eq 0 ]; then st_only=$((st_only + 1));
  elif [ $a -eq 0 ]; then atoll_only=$((atoll_only + 1));
  else neither=$((neither + 1)); fi
  printf '%-70s %-6s %-9s\n' "$n" "$([ $a -eq 0 ] && echo pass || echo "rc=$a")" "$([ $s -eq 0 ] && echo pass || echo "rc=$s")"
done
echo "of $total: both pass $both, only SeaTunnel $st_only, only Atoll $atoll_only, neither $neither (logs in $OUT/logs)"
