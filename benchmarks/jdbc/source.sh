#!/usr/bin/env bash
# Jdbc source throughput: rows/s of PostgreSQL -> LocalFile (csv) with `runtime.jar run`, at parallelism 1
# and 2, against psql's `\copy (select ...) to file` of the same rows (the ceiling: the server's COPY
# protocol writing one file, no JVM).
#
# Each figure is farm-bench's: the WHOLE process timed from outside, A (Atoll) and B (psql) run in turn
# and the ratio A/B taken pair by pair; quote medians. Atoll's time includes its JVM start and the job's
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
for tool in psql farm-bench java; do
  command -v "$tool" >/dev/null || { echo "jdbc-source: $tool is required" >&2; exit 2; }
done

# jdbc:postgresql://HOST:PORT/DB[?...] -> psql's connection settings
hostport="${ATOLL_TEST_JDBC_URL#jdbc:postgresql://}"; hostport="${hostport%%/*}"
db="${ATOLL_TEST_JDBC_URL#jdbc:postgresql://*/}"; db="${db%%\?*}"
export PGHOST="${hostport%%:*}" PGPORT="${hostport##*:}" PGDATABASE="$db" PGUSER="$ATOLL_TEST_JDBC_USER"
export PGPASSWORD="$ATOLL_TEST_JDBC_PASSWORD"

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

copy="sh -c 'psql -q -c \"\\\\copy (select * from $TABLE) to $WORK_DIR/copy.csv csv\"'"
results="$WORK_DIR/results.txt"
: > "$results"
for p in 1 2; do
  job "$p" "" "$WORK_DIR/out-p$p" > "$WORK_DIR/job-p$p.conf"
  run="rm -rf $WORK_DIR/out-p$p && exec java -jar $ATOLL_JAR run $WORK_DIR/job-p$p.conf -i user=$PGUSER -i password=$PGPASSWORD"
  echo "== parallelism $p: Atoll (A) vs psql \\copy (B)" | tee -a "$results"
  farm-bench -n "$RUNS" --warmup 1 --timeout 1800 --vs "$copy" -- sh -c "$run >>$WORK_DIR/run-p$p.log 2>&1" \
    | tee -a "$results"
  lines=$(cat "$WORK_DIR/out-p$p"/* | wc -l)
  echo "parallelism $p wrote $lines lines (expected $ROWS)" | tee -a "$results"
  [[ "$lines" == "$ROWS" ]] || { echo "jdbc-source: wrong row count; see $WORK_DIR/run-p$p.log" >&2; exit 1; }
done
job 1 'where_condition = "where id < 0"' "$WORK_DIR/out-empty" > "$WORK_DIR/job-empty.conf"
echo "== the same job over zero rows (fixed cost: JVM start, validation, planning)" | tee -a "$results"
farm-bench -n "$RUNS" --warmup 1 --timeout 600 -- sh -c "rm -rf $WORK_DIR/out-empty && exec java -jar $ATOLL_JAR run $WORK_DIR/job-empty.conf -i user=$PGUSER -i password=$PGPASSWORD >>$WORK_DIR/run-empty.log 2>&1" \
  | tee -a "$results"
echo "jdbc-source: figures in $results; rows/s = $ROWS / median wall seconds"
