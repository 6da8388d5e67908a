#!/usr/bin/env bash
# Master takeover time on the shared JDBC journal: 2 masters + 2 workers (deploy/bin/atoll-local-cluster.sh),
# a rate-limited STREAMING FakeSource job, kill -9 of the master holding the singletons, then the time
# until the surviving master reports the job RUNNING with SourceReceivedCount above the last value seen
# before the kill (GET /job-info/{id}): the job progressing under the new master. Repeated RUNS times;
# prints each run and the median, min and max. See README.md beside this script.
#
#   ATOLL_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/atoll_bench ATOLL_JDBC_USER=... ATOLL_JDBC_PASSWORD=... \
#     benchmarks/failover/master-takeover.sh [RUNS]          # default 5 runs
#
# Needs runtime/target/runtime.jar (or ATOLL_JAR), curl, and a PostgreSQL database used for nothing else
# (the runs journal into it). Ports: ATOLL_BASE_PORT (default 27520: masters 27520-1, workers 27522-3)
# and ATOLL_HTTP_PORT (default 8280: masters 8280 and 8281). Every node and its state dir is removed
# after each run.
set -euo pipefail

runs="${1:-5}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
launcher="$here/../../deploy/bin/atoll-local-cluster.sh"
: "${ATOLL_JDBC_URL:?set ATOLL_JDBC_URL (jdbc:postgresql://HOST:PORT/DB), ATOLL_JDBC_USER and ATOLL_JDBC_PASSWORD}"
export ATOLL_MASTERS=2 ATOLL_JDBC_URL ATOLL_JDBC_USER="${ATOLL_JDBC_USER:-}" ATOLL_JDBC_PASSWORD="${ATOLL_JDBC_PASSWORD:-}"
export ATOLL_BASE_PORT="${ATOLL_BASE_PORT:-27520}" ATOLL_HTTP_PORT="${ATOLL_HTTP_PORT:-8280}"
work="$(mktemp -d "${TMPDIR:-/tmp}/atoll-takeover.XXXXXX")"

cleanup() { ATOLL_STATE_DIR="$work/current" "$launcher" stop >/dev/null 2>&1 || true; }
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
field() { # json, field name -> the string value ("" if absent)
  sed -n "s/.*\"$2\":\"\\([^\"]*\\)\".*/\\1/p" <<<"$1"
}
log_ms() { # log file, pattern -> epoch ms of the first matching line at or after $3 (epoch ms), or ""
  local line
  while IFS= read -r line; do
    local t; t=$(( $(date -d "${line:0:23}" +%s%N) / 1000000 ))
    if (( t >= $3 )); then echo "$t"; return; fi
  done < <(grep -a "$2" "$1" || true)
}
job_info() { curl -fsS --max-time 2 "http://127.0.0.1:$1/job-info/$2" 2>/dev/null || true; }

job='env { job.name = takeover-bench, job.mode = STREAMING, parallelism = 2, read_limit.rows_per_second = 200 }
source { FakeSource { row.num = 1000000000, schema.fields { id = bigint, name = string } } }
sink { Console { log.print.data = false } }'

results=()
for run in $(seq 1 "$runs"); do
  export ATOLL_STATE_DIR="$work/current"
  rm -rf "$ATOLL_STATE_DIR"
  "$launcher" start 2 >/dev/null
  ports=("$ATOLL_HTTP_PORT" "$((ATOLL_HTTP_PORT + 1))")
  id="$(field "$(curl -fsS --max-time 10 -X POST --data-binary "$job" "http://127.0.0.1:${ports[0]}/submit-job?format=hocon")" jobId)"
  [[ -n "$id" ]] || { echo "run $run: the job was not accepted; logs in $ATOLL_STATE_DIR" >&2; exit 1; }
  deadline=$((SECONDS + 60)); count=0
  while (( SECONDS < deadline )); do
    info="$(job_info "${ports[0]}" "$id")"
    count="$(field "$info" SourceReceivedCount)"
    [[ "$(field "$info" jobStatus)" == RUNNING && "${count:-0}" -gt 0 ]] && break
    sleep 0.2
  done
  if grep -q 'job coordinator starting' "$ATOLL_STATE_DIR/master.log"; then
    active=master; survivor=master-2; survivor_port="${ports[1]}"
  else
    active=master-2; survivor=master; survivor_port="${ports[0]}"
  fi
  before="$(field "$(job_info "${ports[0]}" "$id")" SourceReceivedCount)"
  killed_at="$(now_ms)"
  kill -9 "$(cat "$ATOLL_STATE_DIR/$active.pid")"
  deadline=$((SECONDS + 180)); elapsed=""
  while (( SECONDS < deadline )); do
    info="$(job_info "$survivor_port" "$id")"
    c="$(field "$info" SourceReceivedCount)"
    if [[ "$(field "$info" jobStatus)" == RUNNING && "${c:-0}" -gt "${before:-0}" ]]; then
      elapsed=$(( $(now_ms) - killed_at )); break
    fi
    sleep 0.1
  done
  [[ -n "$elapsed" ]] || { echo "run $run: the job did not progress under $survivor within 180 s; logs in $ATOLL_STATE_DIR" >&2; trap - EXIT; exit 1; }
  survivor_log="$ATOLL_STATE_DIR/$survivor.log"
  unreachable="$(log_ms "$survivor_log" 'Marking node as UNREACHABLE\|Marking node(s) as UNREACHABLE' "$killed_at")"
  downed="$(log_ms "$survivor_log" 'SBR took decision' "$killed_at")"
  singleton="$(log_ms "$survivor_log" 'job coordinator starting' "$killed_at")"
  printf 'run %d: %6.2f s until the job progressed under %s (unreachable +%s s, downed +%s s, coordinator started +%s s)\n' \
    "$run" "$(bc -l <<<"$elapsed/1000")" "$survivor" \
    "$(bc -l <<<"scale=2; (${unreachable:-0}-$killed_at)/1000")" "$(bc -l <<<"scale=2; (${downed:-0}-$killed_at)/1000")" \
    "$(bc -l <<<"scale=2; (${singleton:-0}-$killed_at)/1000")"
  results+=("$elapsed")
  curl -fsS --max-time 5 -X POST --data-binary "{\"jobId\": $id}" "http://127.0.0.1:$survivor_port/stop-job" >/dev/null || true
  "$launcher" stop >/dev/null
done
rm -rf "$work"
trap - EXIT

sorted=($(printf '%s\n' "${results[@]}" | sort -n))
n=${#sorted[@]}
if (( n % 2 )); then median=${sorted[$((n / 2))]}; else median=$(( (sorted[n / 2 - 1] + sorted[n / 2]) / 2 )); fi
printf 'takeover over %d runs: median %.2f s, min %.2f s, max %.2f s\n' "$n" \
  "$(bc -l <<<"$median/1000")" "$(bc -l <<<"${sorted[0]}/1000")" "$(bc -l <<<"${sorted[n - 1]}/1000")"
