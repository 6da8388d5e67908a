#!/usr/bin/env bash
# Jdbc source throughput: rows/s of PostgreSQL -> LocalFile (csv) with `runtime.jar run`, at parallelism 1
# and 2, against psql's `\copy (select ...) to file` of the same rows (the ceiling: the server's COPY
# protocol writing one file, no JVM).
#
# Each figure is the WHOLE process's wall time, taken from outside with the shell's clock: Atoll (A)
# and psql (B) run in turn, A B A B ..., after one untimed warm-up of each, and the ratio A/B is taken
# pair by pair; quote medians. Every Atoll run's output is checked to hold ROWS lines. Atoll's time includes its JVM start and the job's
# validation (a connection, the query's metadata, MIN/MAX of the partition column); the same job over
# zero rows (`where id < 0`) is timed too, so that fixed cost can be read off.
#
#   source .ci/test-db.sh            # as root: PostgreSQL and ATOLL_TEST_JDBC_URL / _USER / _PASSWORD
#   mvn -B -q -o -DskipTests package -pl runtime -am
#   benchmarks/jdbc/source.sh        # 1,000,000 rows, 3 runs per figure
#
# Environment (all optional): ROWS (1000000)  RUNS (3)  FETCH_SIZE (5000)  WORK_DIR (a new mktemp dir)
#   ATOLL_JAR (runtime/target/runtime.jar of this checkout)  KEEP_TABLE (0: drop the table at the end)
set -euo pipefail
shopt -s inherit_errexit # a failed run inside $(...) fails the script

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
ROWS="${ROWS:-1000000}"
RUNS="${RUNS:-3}"
FETCH_SIZE="${FETCH_SIZE:-5000}"
KEEP_TABLE="${KEEP_TABLE:-0}"
ATOLL_JAR="${ATOLL_JAR:-$repo/runtime/target/runtime.jar}"
TABLE=atoll_bench_source

for n in ROWS RUNS FETCH_SIZE; do
  if ! [[ "${!n}" =~ ^[0-9]+$ ]]; then echo "jdbc-source: $n must be a whole number, got '${!n}'" >&2; exit 2; fi
done
[[ -n "${ATOLL_TEST_JDBC_URL:-}" ]] || { echo "jdbc-source: ATOLL_TEST_JDBC_URL is not set: run 'source .ci/test-db.sh' first" >&2; exit 2; }
[[ -f "$ATOLL_JAR" ]] || { echo "jdbc-source: $ATOLL_JAR not found; build it with 'mvn -B -q -o -DskipTests package -pl runtime -am'" >&2; exit 2; }
for tool in psql java awk; do
  command -v "$tool" >/dev/null || { echo "jdbc-source: $tool is required" >&2; exit 2; }
done

# shellcheck source=common.sh
source "$here/common.sh"

WORK_DIR="${WORK_DIR:-$(mktemp -d /tmp/atoll-jdbc-bench.XXXXXX)}"
mkdir -p "$WORK_DIR"
echo "jdbc-source: $ROWS rows in table $TABLE of $PGDATABASE; work dir $WORK_DIR"
psql -q -v ON_ERROR_STOP=1 <<SQL
DROP TABLE IF EXISTS $TABLE;
CREATE TABLE $TABLE (id int8 PRIMARY KEY, name text, score int4, amount numeric(12, 2), created timestamp);
INSERT INTO $TABLE SELECT g, 'name-' || g, g % 1000, (g % 100000) / 100.0,
  timestamp '2024-01-01' + g * interval '1 second' FROM generate_series(1, $ROWS) g;
VACUUM ANALYZE $TABLE;
SQL
cleanup() {
  if [[ "$KEEP_TABLE" != 1 ]]; then psql -q -c "DROP TABLE IF EXISTS $TABLE" || true; fi
}
trap cleanup EXIT

job() { # parallelism, where_condition line, output dir
  cat <<CONF
env { job.name = "jdbc-source-bench", job.mode = BATCH, parallelism = $1 }
source {
  Jdbc {
    url = "$ATOLL_TEST_JDBC_URL", driver = "org.postgresql.Driver", user = "\${user}", password = "\${password}"
    table_path = "public.$TABLE", partition_column = "id", partition_num = $1, fetch_size = $FETCH_SIZE
    $2
  }
}
sink { LocalFile { path = "$3", file_format_type = csv } }
CONF
}

atoll() { # parallelism or "empty"
  rm -rf "$WORK_DIR/out-$1"
  java -jar "$ATOLL_JAR" run "$WORK_DIR/job-$1.conf" -i "user=$PGUSER" -i "password=$PGPASSWORD" >>"$WORK_DIR/run-$1.log" 2>&1
}
copy() { psql -q -v ON_ERROR_STOP=1 -c "\\copy (select * from $TABLE) to '$WORK_DIR/copy.csv' csv"; }
check() { # parallelism or "empty", expected lines
  local lines
  lines=$({ cat "$WORK_DIR/out-$1"/* 2>/dev/null || true; } | wc -l)
  [[ "$lines" == "$2" ]] || { echo "jdbc-source: run $1 wrote $lines lines, not $2; see $WORK_DIR/run-$1.log" >&2; exit 1; }
}

results="$WORK_DIR/results.txt"
printf "%-22s %8s %14s %8s %14s %8s %10s %12s\n" job rows "Atoll s" "" "psql s" "" "A/B" "rows/s" | tee "$results"
for p in 1 2; do
  job "$p" "" "$WORK_DIR/out-$p" > "$WORK_DIR/job-$p.conf"
  : > "$WORK_DIR/p$p.times"
  for run in $(seq 0 "$RUNS"); do # run 0 is the warm-up
    a=$(seconds atoll "$p")
    check "$p" "$ROWS"
    b=$(seconds copy)
    if (( run > 0 )); then echo "$a $b" >> "$WORK_DIR/p$p.times"; fi
  done
  a_med=$(awk '{ print $1 }' "$WORK_DIR/p$p.times" | median)
  b_med=$(awk '{ print $2 }' "$WORK_DIR/p$p.times" | median)
  ratio=$(awk '{ printf "%.3f\n", $1 / $2 }' "$WORK_DIR/p$p.times" | median)
  printf "%-22s %8s %14s %8s %14s %8s %10s %12s\n" "parallelism $p" "$ROWS" "$a_med" \
    "($(awk '{ print $1 }' "$WORK_DIR/p$p.times" | spread))" "$b_med" \
    "($(awk '{ print $2 }' "$WORK_DIR/p$p.times" | spread))" "$ratio" \
    "$(awk -v r="$ROWS" -v s="$a_med" 'BEGIN { printf "%d", r / s }')" | tee -a "$results"
done
# the fixed cost: the same job over zero rows (JVM start, validation, planning)
job 1 'where_condition = "where id < 0"' "$WORK_DIR/out-empty" > "$WORK_DIR/job-empty.conf"
: > "$WORK_DIR/empty.times"
for run in $(seq 0 "$RUNS"); do
  a=$(seconds atoll empty)
  check empty 0
  if (( run > 0 )); then echo "$a" >> "$WORK_DIR/empty.times"; fi
done
printf "%-22s %8s %14s %8s\n" "zero rows (fixed cost)" 0 "$(median < "$WORK_DIR/empty.times")" \
  "($(spread < "$WORK_DIR/empty.times"))" | tee -a "$results"
echo "jdbc-source: figures in $results (wall seconds: median (min-max) of $RUNS runs; A/B: median of the pairs)"
