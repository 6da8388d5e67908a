#!/usr/bin/env bash
# Runs every job file of the compatibility corpus on Atoll and on SeaTunnel 2.3.4 and compares the
# outcome: exit status and the Total Read / Write counts each prints. Files named *_read.conf read
# what the matching *_write.conf wrote, so they run after every other file; each system writes to a
# directory of its own, and then each reads the other's files too (cross rows).
#
# usage: benchmarks/compat/compare.sh [JOB_DIR]        (after `mvn -o -q package -DskipTests` and
#        bash /work/shared/peer-seatunnel/setup.sh; PEER=/path/to/peer-seatunnel/run.sh to override)
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JOBS=${1:-$ROOT/runtime/src/test/resources/jobs/compat}
PEER=${PEER:-$ROOT/../shared/peer-seatunnel/run.sh}
JAR=$ROOT/runtime/target/runtime.jar
OUT=${OUT:-$(mktemp -d /tmp/atoll-compat.XXXXXX)}
mkdir -p "$OUT/atoll" "$OUT/seatunnel" "$OUT/logs"
[ -f "$JAR" ] || { echo "no $JAR: build with mvn -o -q package -DskipTests" >&2; exit 2; }
[ -x "$PEER" ] || [ -f "$PEER" ] || { echo "no SeaTunnel runner at $PEER" >&2; exit 2; }

counts() { # log -> "rc read write"
  local read write
  read=$(grep -aoE 'Total Read Count +: +[0-9]+' "$1" | tail -1 | grep -oE '[0-9]+$')
  write=$(grep -aoE 'Total Write Count +: +[0-9]+' "$1" | tail -1 | grep -oE '[0-9]+$')
  echo "${read:--} ${write:--}"
}
atoll() { # conf dir log
  java -Xmx512m -jar "$JAR" run "$1" -i compat_dir="$2" > "$3" 2>&1; echo $?
}
seatunnel() { # conf dir log; run.sh always exits 0 and prints the job's exit status as 'rc': 'N'
  timeout ${PEER_TIMEOUT:-120} bash "$PEER" "$1" "-Xmx1g" "$3" -i compat_dir="$2" > "$3.summary" 2>&1
  local rc; rc=$(grep -o "'rc': '[0-9]*'" "$3.summary" | grep -o '[0-9]*')
  echo "${rc:-timeout}"
}

files=$(ls "$JOBS"/*.conf | grep -v '_read\.conf$'; ls "$JOBS"/*_read.conf 2>/dev/null)
printf '%-32s %-10s %-22s %-22s %s\n' job writer "atoll rc/read/write" "seatunnel rc/read/write" same
same=0; total=0
row() { # name writer atoll-log seatunnel-log arc src
  local a s; a="$5 $(counts "$3")"; s="$6 $(counts "$4")"
  total=$((total + 1)); local verdict=no
  if [ "$a" = "$s" ]; then verdict=yes; same=$((same + 1)); fi
  printf '%-32s %-10s %-22s %-22s %s\n' "$1" "$2" "$a" "$s" "$verdict"
}
for f in $files; do
  n=$(basename "$f" .conf)
  arc=$(atoll "$f" "$OUT/atoll" "$OUT/logs/$n.atoll.log")
  src=$(seatunnel "$f" "$OUT/seatunnel" "$OUT/logs/$n.seatunnel.log")
  row "$n" own "$OUT/logs/$n.atoll.log" "$OUT/logs/$n.seatunnel.log" "$arc" "$src"
  if [[ $n == *_read ]]; then # each reads what the other wrote
    arc=$(atoll "$f" "$OUT/seatunnel" "$OUT/logs/$n.atoll-x.log")
    src=$(seatunnel "$f" "$OUT/atoll" "$OUT/logs/$n.seatunnel-x.log")
    row "$n" other "$OUT/logs/$n.atoll-x.log" "$OUT/logs/$n.seatunnel-x.log" "$arc" "$src"
  fi
done
echo "same outcome: $same of $total (logs in $OUT/logs)"
