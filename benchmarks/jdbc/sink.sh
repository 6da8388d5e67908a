#!/usr/bin/env bash
# Jdbc sink throughput: rows/s of FakeSource -> PostgreSQL with `runtime.jar run`, batched inserts
# (at-least-once) and XA (is_exactly_once = true), at parallelism 1 and 2, against psql's
# `\copy ... from file csv` of the same rows (the ceiling: the server's COPY protocol, no JVM).
#
# Each figure is the WHOLE process's wall time, taken from outside with the shell's clock: Atoll (A)
# and psql (B) run in turn, A B A B ..., after one untimed warm-up of each, and the ratio A/B is taken
# pair by pair; quote medians. The table is emptied (TRUNCATE, untimed) before every run, and every
# Atoll run is checked afterwards: ROWS rows in the table, and none of its XA branches left in
# pg_prepared_xacts. The rows psql loads are the rows the same FakeSource makes at that parallelism,
# written once to csv by Atoll (FakeSource -> LocalFile). Atoll's time includes its JVM start and the
# job's validation (a connection, the table's metadata); the same job over one row is timed too, so
# that fixed cost can be read off.
#
#   source .ci/test-db.sh            # as root: PostgreSQL and ATOLL_TEST_JDBC_URL / _USER / _PASSWORD
#   mvn -B -q -o -DskipTests package -pl runtime -am
#   benchmarks/jdbc/sink.sh          # 1,000,000 rows, 3 runs per figure
#
# Environment (all optional): ROWS (1000000)  RUNS (3)  BATCH_SIZE (1000, the sink's default)
#   CHECKPOINT_MS (10000: an XA branch per subtask and checkpoint interval)  WORK_DIR (a new mktemp dir)
#   ATOLL_JAR (runtime/target/runtime.jar of this checkout)  KEEP_TABLE (0: drop the table at the end)
set -euo pipefail
shopt -s inherit_errexit # a failed run inside $(...) fails the script

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
ROWS="${ROWS:-1000000}"
RUNS="${RUNS:-3}"
BATCH_SIZE="${BATCH_SIZE:-1000}"
CHECKPOINT_MS="${CHECKPOINT_MS:-10000}"
KEEP_TABLE="${KEEP_TABLE:-0}"
ATOLL_JAR="${ATOLL_JAR:-$repo/runtime/target/runtime.jar}"
TABLE=atoll_bench_sink

for n in ROWS RUNS BATCH_SIZE CHECKPOINT_MS; do
  if ! [[ "${!n}" =~ ^[0-9]+$ ]] || [[ "${!n}" == 0 ]]; then
    echo "jdbc-sink: $n must be a positive whole number, got '${!n}'" >&2; exit 2
  fi
done
(( ROWS % 2 == 0 )) || { echo "jdbc-sink: ROWS must be even (split over 2 readers), got $ROWS" >&2; exit 2; }
[[ -n "${ATOLL_TEST_JDBC_URL:-}" ]] || { echo "jdbc-sink: ATOLL_TEST_JDBC_URL is not set: run 'source .ci/test-db.sh' first" >&2; exit 2; }
[[ -f "$ATOLL_JAR" ]] || { echo "jdbc-sink: $ATOLL_JAR not found; build it with 'mvn -B -q -o -DskipTests package -pl runtime -am'" >&2; exit 2; }
for tool in psql java awk; do
  command -v "$tool" >/dev/null || { echo "jdbc-sink: $tool is required" >&2; exit 2; }
done

# shellcheck source=common.sh
source "$here/common.sh"

WORK_DIR="${WORK_DIR:-$(mktemp -d /tmp/atoll-jdbc-sink-bench.XXXXXX)}"
mkdir -p "$WORK_DIR"
echo "jdbc-sink: $ROWS rows into table $TABLE of $PGDATABASE; work dir $WORK_DIR"
psql -q -v ON_ERROR_STOP=1 -c "DROP TABLE IF EXISTS $TABLE" \
  -c "CREATE TABLE $TABLE (id int8, name text, score int4, amount float8)"
cleanup() {
  if [[ "$KEEP_TABLE" != 1 ]]; then psql -q -c "DROP TABLE IF EXISTS $TABLE" || true; fi
}
trap cleanup EXIT

source_block() { # parallelism, total rows
  echo "FakeSource { row.num = $(( $2 / $1 )), split.num = $(( 2 * $1 )),"
  echo "  schema.fields { id = bigint, name = string, score = int, amount = double } }"
}

job() { # parallelism, total rows, is_exactly_once
  cat <<CONF
env { job.name = "jdbc-sink-bench", job.mode = BATCH, parallelism = $1, checkpoint.interval = $CHECKPOINT_MS }
source { $(source_block "$1" "$2") }
sink {
  Jdbc {
    url = "$ATOLL_TEST_JDBC_URL", driver = "org.postgresql.Driver", user = "\${user}", password = "\${password}"
    generate_sink_sql = true, database = "$PGDATABASE", table = "$TABLE"
    batch_size = $BATCH_SIZE, is_exactly_once = $3
  }
}
CONF
}

atoll() { # job file, log file
  java -jar "$ATOLL_JAR" run "$1" -i "user=$PGUSER" -i "password=$PGPASSWORD" >>"$2" 2>&1
}

truncate_table() { psql -q -v ON_ERROR_STOP=1 -c "TRUNCATE $TABLE"; }

check() { # what, expected rows
  local count prepared
  count=$(psql -tA -c "SELECT count(*) FROM $TABLE")
  prepared=$(psql -tA -c "SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database()")
  if [[ "$count" != "$2" || "$prepared" != 0 ]]; then
    echo "jdbc-sink: $1 left $count rows (expected $2) and $prepared prepared XA branches; see $WORK_DIR" >&2
    exit 1
  fi
}

results="$WORK_DIR/results.txt"
printf "%-22s %8s %14s %8s %14s %8s %10s %12s\n" job rows "Atoll s" "" "psql s" "" "A/B" "rows/s" | tee "$results"
for p in 1 2; do
  # the rows this parallelism makes, as one csv file for psql
  csv_job="$WORK_DIR/csv-p$p.conf"
  printf 'env { job.name = "jdbc-sink-csv", parallelism = %s }\nsource { %s }\nsink { LocalFile { path = "%s", file_format_type = csv } }\n' \
    "$p" "$(source_block "$p" "$ROWS")" "$WORK_DIR/csv-p$p" > "$csv_job"
  rm -rf "$WORK_DIR/csv-p$p"
  atoll "$csv_job" "$WORK_DIR/csv-p$p.log"
  cat "$WORK_DIR/csv-p$p"/* > "$WORK_DIR/rows-p$p.csv"
  lines=$(wc -l < "$WORK_DIR/rows-p$p.csv")
  [[ "$lines" == "$ROWS" ]] || { echo "jdbc-sink: the csv of parallelism $p has $lines lines, not $ROWS" >&2; exit 1; }
  copy=(psql -q -v ON_ERROR_STOP=1 -c "\\copy $TABLE from '$WORK_DIR/rows-p$p.csv' csv")

  for mode in batch xa; do
    xa=false; [[ "$mode" == xa ]] && xa=true
    name="p$p-$mode"
    job "$p" "$ROWS" "$xa" > "$WORK_DIR/$name.conf"
    : > "$WORK_DIR/$name.times"
    for run in $(seq 0 "$RUNS"); do # run 0 is the warm-up
      truncate_table
      a=$(seconds atoll "$WORK_DIR/$name.conf" "$WORK_DIR/$name.log")
      check "$name run $run" "$ROWS"
      truncate_table
      b=$(seconds "${copy[@]}")
      check "psql \\copy run $run" "$ROWS"
      if (( run > 0 )); then echo "$a $b" >> "$WORK_DIR/$name.times"; fi
    done
    a_med=$(awk '{ print $1 }' "$WORK_DIR/$name.times" | median)
    b_med=$(awk '{ print $2 }' "$WORK_DIR/$name.times" | median)
    ratio=$(awk '{ printf "%.3f\n", $1 / $2 }' "$WORK_DIR/$name.times" | median)
    printf "%-22s %8s %14s %8s %14s %8s %10s %12s\n" "parallelism $p $mode" "$ROWS" "$a_med" \
      "($(awk '{ print $1 }' "$WORK_DIR/$name.times" | spread))" "$b_med" \
      "($(awk '{ print $2 }' "$WORK_DIR/$name.times" | spread))" "$ratio" \
      "$(awk -v r="$ROWS" -v s="$a_med" 'BEGIN { printf "%d", r / s }')" | tee -a "$results"
  done
done

# the fixed cost: the same job (parallelism 1, batched) over one row
job 1 1 false > "$WORK_DIR/one-row.conf"
: > "$WORK_DIR/one-row.times"
for run in $(seq 0 "$RUNS"); do
  truncate_table
  a=$(seconds atoll "$WORK_DIR/one-row.conf" "$WORK_DIR/one-row.log")
  check "the one-row job" 1
  if (( run > 0 )); then echo "$a" >> "$WORK_DIR/one-row.times"; fi
done
printf "%-22s %8s %14s %8s\n" "one row (fixed cost)" 1 "$(median < "$WORK_DIR/one-row.times")" \
  "($(spread < "$WORK_DIR/one-row.times"))" | tee -a "$results"
echo "jdbc-sink: figures in $results (wall seconds: median (min-max) of $RUNS runs; A/B: median of the pairs)"
