#!/usr/bin/env bash
# Single-master failover time (issue 4 item 8).
#
# With the LevelDB journal a cluster has one master-eligible node, so "failover" is that master being
# killed and started again on the same address and data dir while the workers keep running. Each run:
#
#   1. starts 1 master + 2 workers with deploy/bin/atoll-local-cluster.sh in a fresh state dir and
#      waits until GET /overview reports works == "2";
#   2. submits a STREAMING FakeSource -> Console (log.print.data = false) job, rate limited with
#      env read_limit.rows_per_second, and waits until GET /job-info/{id} says RUNNING with
#      metrics.SourceReceivedCount > 0 (then SETTLE_SECONDS more, and reads the count once more);
#   3. kill -9 the master (pid from the state dir) and records the kill time; after RESTART_DELAY
#      seconds (default 0) runs `atoll-local-cluster.sh restart-master`;
#   4. polls every ~POLL_INTERVAL s until the restarted master reports the job RUNNING with
#      SourceReceivedCount greater than the last value seen before the kill. Kill -> that answer is
#      the sample. Sub-timings: kill -> master JVM logging (from its log), -> joined the cluster
#      ("Welcome from"), -> REST answering at all, -> /overview 200 with works == 2, -> /job-info 200,
#      -> job master recovered / task groups adopted (from the master log);
#   5. cancels the job (POST /stop-job), stops the cluster; repeats RUNS times.
#
# Prints every run, then median / min / max, and the failure detector / SBR / join timings in effect.
#
#   benchmarks/failover/master-restart.sh                     # 5 runs, immediate restart
#   RESTART_DELAY=15 benchmarks/failover/master-restart.sh    # restart 15 s after the kill
#
# Environment (all optional):
#   RUNS (5)  RATE (2000 rows/s per reader)  PARALLELISM (2)  RESTART_DELAY (0 s)  SETTLE_SECONDS (3)
#   POLL_INTERVAL (0.1 s)  RECOVERY_TIMEOUT (120 s, from the restart)  KEEP_STATE (0: delete the
#   run dirs after a successful run; logs are kept on failure)  WORK_DIR (default: a new mktemp dir)
#   ATOLL_JAR (runtime/target/runtime.jar of this checkout)  ATOLL_BASE_PORT (26520)
#   ATOLL_HTTP_PORT (8180)  ATOLL_SLOTS  ATOLL_HEAP  ATOLL_JAVA_OPTS: passed to the cluster script.
#   RESULTS_CSV: also append the per-run rows to this file.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cluster="$repo/deploy/bin/atoll-local-cluster.sh"

RUNS="${RUNS:-5}"
RATE="${RATE:-2000}"
PARALLELISM="${PARALLELISM:-2}"
RESTART_DELAY="${RESTART_DELAY:-0}"
SETTLE_SECONDS="${SETTLE_SECONDS:-3}"
POLL_INTERVAL="${POLL_INTERVAL:-0.1}"
RECOVERY_TIMEOUT="${RECOVERY_TIMEOUT:-120}"
KEEP_STATE="${KEEP_STATE:-0}"
WORKERS=2
export ATOLL_BASE_PORT="${ATOLL_BASE_PORT:-26520}"
export ATOLL_HTTP_PORT="${ATOLL_HTTP_PORT:-8180}"
export ATOLL_JAR="${ATOLL_JAR:-$repo/runtime/target/runtime.jar}"
api="http://127.0.0.1:$ATOLL_HTTP_PORT"

for n in RUNS RATE PARALLELISM RESTART_DELAY SETTLE_SECONDS RECOVERY_TIMEOUT ATOLL_BASE_PORT ATOLL_HTTP_PORT; do
  if ! [[ "${!n}" =~ ^[0-9]+$ ]]; then echo "master-restart: $n must be a whole number, got '${!n}'" >&2; exit 2; fi
done
if ! [[ "$POLL_INTERVAL" =~ ^[0-9]*\.?[0-9]+$ ]]; then echo "master-restart: POLL_INTERVAL must be seconds, got '$POLL_INTERVAL'" >&2; exit 2; fi
command -v curl >/dev/null || { echo "master-restart: curl is required" >&2; exit 2; }
[[ -f "$ATOLL_JAR" ]] || { echo "master-restart: $ATOLL_JAR not found; build it with 'mvn -B -q -o -DskipTests package' at $repo" >&2; exit 2; }
[[ -x "$cluster" ]] || { echo "master-restart: $cluster not found or not executable" >&2; exit 2; }
have_jq=0
if command -v jq >/dev/null; then have_jq=1; fi

own_work_dir=0
if [[ -z "${WORK_DIR:-}" ]]; then
  WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/atoll-failover.XXXXXX")"
  own_work_dir=1
fi
mkdir -p "$WORK_DIR"

# ---- helpers ----------------------------------------------------------------------------------------

# NOW = wall clock in ms, without forking (bash 5's EPOCHREALTIME; date otherwise).
now() {
  if [[ -n "${EPOCHREALTIME:-}" ]]; then
    local t="${EPOCHREALTIME/[.,]/}"
    NOW=$((10#$t / 1000))
  else
    NOW="$(date +%s%3N)"
  fi
}

# A log line's "yyyy-MM-dd HH:mm:ss.SSS" timestamp in epoch ms.
log_ms() { date -d "$1" +%s%3N; }

# json_field BODY NAME: a top-level string field (jobId, jobStatus, works) or metrics.SourceReceivedCount.
json_field() {
  local body="$1" name="$2"
  if (( have_jq )); then
    local path=".$name"
    [[ "$name" == SourceReceivedCount ]] && path=".metrics.SourceReceivedCount"
    jq -r "($path // empty) | tostring" <<<"$body" 2>/dev/null || true
  else
    # every field used here is a string and its key is unique in the document ("SourceReceivedCount"
    # is preceded by a quote only as its own key, not inside "TableSourceReceivedCount")
    sed -n "s/.*\"$name\":\"\\([^\"]*\\)\".*/\\1/p" <<<"$body"
  fi
}

# http METHOD URL MAX_SECONDS [BODY_FILE|JSON]: sets CODE (000 when nothing answered), BODY, T_SENT, T_RECV.
http() {
  local method="$1" url="$2" max="$3" data="${4:-}" out
  local -a args=(-sS -m "$max" -X "$method" -w $'\n%{http_code}')
  if [[ -n "$data" && -f "$data" ]]; then
    args+=(-H 'Content-Type: text/plain' --data-binary "@$data")
  elif [[ -n "$data" ]]; then
    args+=(-H 'Content-Type: application/json' --data "$data")
  fi
  now; T_SENT=$NOW
  out="$(curl "${args[@]}" "$url" 2>/dev/null)" || true
  now; T_RECV=$NOW
  CODE="${out##*$'\n'}"
  BODY="${out%$'\n'*}"
  [[ "$CODE" =~ ^[0-9]{3}$ ]] || { CODE=000; BODY=""; }
  [[ "$out" == *$'\n'* ]] || BODY=""
}

STATE=""        # the current run's state dir, for cleanup
fail() {
  echo "master-restart: ERROR: $*" >&2
  if [[ -n "$STATE" ]]; then
    for log in "$STATE"/master.log "$STATE"/worker-*.log "$STATE"/polls.log "$STATE"/cluster.out; do
      [[ -f "$log" ]] || continue
      echo "----- last 25 lines of $log" >&2
      tail -n 25 "$log" >&2 || true
    done
    echo "----- logs kept in $STATE" >&2
  fi
  KEEP_STATE=1
  exit 1
}

stop_cluster() {
  [[ -n "$STATE" && -d "$STATE" ]] || return 0
  ATOLL_STATE_DIR="$STATE" "$cluster" stop >>"$STATE/cluster.out" 2>&1 || true
  # whatever the script could not stop (it only knows pid files)
  local pidfile pid
  for pidfile in "$STATE"/*.pid; do
    [[ -f "$pidfile" ]] || continue
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
    rm -f "$pidfile"
  done
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_cluster
  if (( rc != 0 )); then echo "master-restart: stopped (exit $rc); cluster of the current run stopped; work dir $WORK_DIR" >&2; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A process is gone once it is no longer in /proc or is a zombie (SIGKILLed, not yet reaped).
gone() {
  local pid="$1" stat
  [[ -r "/proc/$pid/stat" ]] || return 0
  stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 0
  stat="${stat##*) }"
  [[ "${stat%% *}" == Z ]]
}

port_busy() {
  if command -v ss >/dev/null; then
    [[ -n "$(ss -Htln "sport = :$1" 2>/dev/null)" ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

# First (or with a third argument "last": last) line of FILE matching PATTERN (fixed string), as epoch
# ms of its timestamp; empty if none.
log_event_ms() {
  local file="$1" pattern="$2" which="${3:-first}" line
  if [[ "$which" == last ]]; then
    line="$(grep -F -- "$pattern" "$file" 2>/dev/null | tail -n 1)" || true
  else
    line="$(grep -m1 -F -- "$pattern" "$file" 2>/dev/null)" || true
  fi
  [[ -n "$line" ]] || return 0
  log_ms "${line:0:23}"
}

conf_value() { # FILE KEY: first "KEY = value" line's value
  awk -v k="$2" '$1 == k && $2 == "=" { print $3; exit }' "$1"
}

# ---- the job ----------------------------------------------------------------------------------------

job_file="$WORK_DIR/failover_job.conf"
cat >"$job_file" <<EOF
# written by benchmarks/failover/master-restart.sh
env {
  job.name = "failover_bench"
  job.mode = "STREAMING"
  parallelism = $PARALLELISM
  read_limit.rows_per_second = $RATE
}
source {
  FakeSource {
    # far more rows than a run reads: the source never ends during the measurement
    row.num = 2000000000
    schema = { fields { id = "bigint", name = "string" } }
  }
}
sink {
  Console {
    log.print.data = false
  }
}
EOF

# ---- timings in effect --------------------------------------------------------------------------------

akka_conf="$repo/runtime/src/main/resources/atoll-akka.conf"
atoll_conf="$repo/runtime/src/main/resources/reference.conf"
akka_ref=""
if command -v unzip >/dev/null; then akka_ref="$(unzip -p "$ATOLL_JAR" reference.conf 2>/dev/null)" || akka_ref=""; fi
akka_default() { awk -v k="$1" '$1 == k && $2 == "=" { print $3; exit }' <<<"$akka_ref"; }
hb_interval="$(awk '/^ *heartbeat *\{/ { b = 1 } b && $1 == "interval" { print $3; exit }' "$atoll_conf")"
hb_timeout="$(awk '/^ *heartbeat *\{/ { b = 1 } b && $1 == "timeout" { print $3; exit }' "$atoll_conf")"

print_settings() {
  echo "timings in effect (runtime/src/main/resources, Akka defaults from the jar's reference.conf):"
  echo "  akka.cluster.failure-detector: heartbeat-interval $(conf_value "$akka_conf" heartbeat-interval)," \
       "acceptable-heartbeat-pause $(conf_value "$akka_conf" acceptable-heartbeat-pause), threshold $(conf_value "$akka_conf" threshold)"
  echo "  akka.cluster.split-brain-resolver: $(conf_value "$akka_conf" active-strategy), stable-after $(conf_value "$akka_conf" stable-after)"
  echo "  akka.cluster.sharding: remember-entities $(conf_value "$akka_conf" sharding.remember-entities)," \
       "store $(conf_value "$akka_conf" sharding.remember-entities-store)"
  echo "  atoll.heartbeat: interval ${hb_interval:-?}, timeout ${hb_timeout:-?}; atoll.job.metrics-interval $(conf_value "$atoll_conf" metrics-interval)"
  echo "  akka.cluster.retry-unsuccessful-join-after $(conf_value "$akka_conf" retry-unsuccessful-join-after)" \
       "(Akka's default: $(akka_default retry-unsuccessful-join-after))"
  echo "  Akka defaults (not overridden by Atoll): seed-node-timeout $(akka_default seed-node-timeout)," \
       "gossip-interval $(akka_default gossip-interval), leader-actions-interval $(akka_default leader-actions-interval)"
  echo "  JobScope.RECOVERY_QUERY_TIMEOUT (ask to each worker after recovery): 5s"
  echo "  ATOLL_JAVA_OPTS: ${ATOLL_JAVA_OPTS:-(none)}"
}

# ---- one run ------------------------------------------------------------------------------------------

declare -a ROWS=()
declare -a S_PROGRESS=() S_PROGRESS_MINUS_D=() S_GONE=() S_JVM=() S_JOINED=() S_HTTP=() S_OVERVIEW=() \
  S_INFO=() S_ADOPTED=() S_RUNNING=() S_AKKA=() S_ACK=() S_UP=() S_RECOVERED=() S_REST=()

ms_since_kill() { # epoch ms or empty -> ms after the kill, or "-"
  if [[ -n "$1" ]]; then echo $(($1 - t_kill)); else echo "-"; fi
}

run_once() {
  local run="$1"
  STATE="$WORK_DIR/run-$run"
  rm -rf "$STATE"
  mkdir -p "$STATE"
  export ATOLL_STATE_DIR="$STATE"

  local p
  for p in "$ATOLL_HTTP_PORT" "$ATOLL_BASE_PORT" $((ATOLL_BASE_PORT + 1)) $((ATOLL_BASE_PORT + 2)); do
    if port_busy "$p"; then fail "port $p is already in use on 127.0.0.1 (another cluster?); set ATOLL_BASE_PORT / ATOLL_HTTP_PORT"; fi
  done

  local load
  load="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" || load="?"
  echo "run $run/$RUNS: starting 1 master + $WORKERS workers in $STATE (load average $load)"
  "$cluster" start "$WORKERS" >"$STATE/cluster.out" 2>&1 || fail "the cluster did not start"

  # the cluster script already waited for the workers; check it the same way the brief says
  local deadline=$((SECONDS + 60))
  while :; do
    http GET "$api/overview" 5
    if [[ "$CODE" == 200 && "$(json_field "$BODY" works)" == "$WORKERS" ]]; then break; fi
    (( SECONDS < deadline )) || fail "GET /overview never reported works == $WORKERS (last: $CODE $BODY)"
    sleep 0.5
  done

  http POST "$api/submit-job?format=hocon" 30 "$job_file"
  [[ "$CODE" == 200 ]] || fail "submit failed: HTTP $CODE $BODY"
  job_id="$(json_field "$BODY" jobId)"
  [[ "$job_id" =~ ^[0-9]+$ ]] || fail "no jobId in the submit answer: $BODY"

  local status="" count=""
  deadline=$((SECONDS + 90))
  while :; do
    http GET "$api/job-info/$job_id" 5
    if [[ "$CODE" == 200 ]]; then
      status="$(json_field "$BODY" jobStatus)"
      count="$(json_field "$BODY" SourceReceivedCount)"
      if [[ "$status" == RUNNING && "$count" =~ ^[0-9]+$ ]] && (( count > 0 )); then break; fi
      case "$status" in FAILED|CANCELED|FINISHED) fail "job $job_id ended as $status before the kill: $BODY" ;; esac
    fi
    (( SECONDS < deadline )) || fail "job $job_id was not RUNNING with rows read within 90 s (last: HTTP $CODE status ${status:-?} count ${count:-?})"
    sleep 0.5
  done
  sleep "$SETTLE_SECONDS"
  http GET "$api/job-info/$job_id" 5
  status="$(json_field "$BODY" jobStatus)"
  before="$(json_field "$BODY" SourceReceivedCount)"
  [[ "$CODE" == 200 && "$status" == RUNNING && "$before" =~ ^[0-9]+$ ]] \
    || fail "job $job_id not RUNNING right before the kill: HTTP $CODE $BODY"

  # ---- the failover ----
  local master_pid
  master_pid="$(cat "$STATE/master.pid")"
  kill -9 "$master_pid"
  now; t_kill=$NOW
  deadline=$((SECONDS + 30))
  until gone "$master_pid"; do
    (( SECONDS < deadline )) || fail "master pid $master_pid still running 30 s after kill -9"
    sleep 0.01
  done
  now; local t_gone=$NOW
  # The master is dead; a SIGKILLed process stays a zombie until its parent (here init) reaps it, and
  # the cluster script's "already running" check (kill -0) would count the zombie as alive.
  rm -f "$STATE/master.pid"
  mv "$STATE/master.log" "$STATE/master-before-kill.log"
  if (( RESTART_DELAY > 0 )); then sleep "$RESTART_DELAY"; fi
  now; local t_restart=$NOW
  "$cluster" restart-master >>"$STATE/cluster.out" 2>&1 || fail "restart-master failed"

  local t_http="" t_overview="" t_info="" t_running="" t_progress="" after=""
  echo "# sent_ms_after_kill recv_ms_after_kill endpoint http_code status count" >"$STATE/polls.log"
  deadline=$((SECONDS + RECOVERY_TIMEOUT))
  # until the job progresses, and until /overview has answered with every worker (one more poll or two)
  while [[ -z "$t_progress" || -z "$t_overview" ]]; do
    if [[ -z "$t_overview" ]]; then
      http GET "$api/overview" 2
      echo "$((T_SENT - t_kill)) $((T_RECV - t_kill)) overview $CODE $(json_field "$BODY" works)" >>"$STATE/polls.log"
      if [[ "$CODE" != 000 && -z "$t_http" ]]; then t_http=$T_RECV; fi
      if [[ "$CODE" == 200 && "$(json_field "$BODY" works)" == "$WORKERS" ]]; then t_overview=$T_RECV; fi
    fi
    if [[ -z "$t_progress" ]]; then
      http GET "$api/job-info/$job_id" 2
      status=""; count=""
      if [[ "$CODE" != 000 && -z "$t_http" ]]; then t_http=$T_RECV; fi
      if [[ "$CODE" == 200 ]]; then
        status="$(json_field "$BODY" jobStatus)"
        count="$(json_field "$BODY" SourceReceivedCount)"
        [[ -n "$t_info" ]] || t_info=$T_RECV
        if [[ "$status" == RUNNING && -z "$t_running" ]]; then t_running=$T_RECV; fi
      fi
      echo "$((T_SENT - t_kill)) $((T_RECV - t_kill)) job-info $CODE ${status:--} ${count:--}" >>"$STATE/polls.log"
      if [[ "$status" == RUNNING && "$count" =~ ^[0-9]+$ ]] && (( count > before )); then
        t_progress=$T_RECV; after=$count
        continue
      fi
      case "$status" in FAILED|CANCELED|FINISHED) fail "job $job_id is $status after the master restart: $BODY" ;; esac
    fi
    if (( SECONDS >= deadline )); then
      [[ -n "$t_progress" ]] || fail "the restarted master did not report job $job_id RUNNING with SourceReceivedCount > $before within ${RECOVERY_TIMEOUT} s (last: HTTP $CODE ${status:-} ${count:-})"
      fail "GET /overview did not report works == $WORKERS within ${RECOVERY_TIMEOUT} s of the restart"
    fi
    sleep "$POLL_INTERVAL"
  done

  # sub-timings from the restarted master's log
  local mlog="$STATE/master.log" t_jvm t_akka t_ack t_joined t_up t_recovered t_adopted t_rest how
  t_jvm="$(grep -m1 -E '^[0-9]{4}-[0-9]{2}-[0-9]{2} ' "$mlog")" || t_jvm=""
  if [[ -n "$t_jvm" ]]; then t_jvm="$(log_ms "${t_jvm:0:23}")"; fi
  t_akka="$(log_event_ms "$mlog" "Started up successfully")"
  t_ack="$(log_event_ms "$mlog" "Received InitJoinAck")"
  t_joined="$(log_event_ms "$mlog" "Welcome from")"
  t_up="$(log_event_ms "$mlog" "is up with roles")"
  t_recovered="$(log_event_ms "$mlog" "recovered in state")"
  t_adopted="$(log_event_ms "$mlog" "adopted its task groups" last)"
  t_rest="$(log_event_ms "$mlog" "REST API listening")"
  how="adopted"
  if grep -q -F "stopped while the master was down" "$mlog"; then how="restarted"; fi
  local join_attempts
  join_attempts="$(grep -c -F "Received InitJoinAck" "$mlog")" || join_attempts=0

  local progress=$((t_progress - t_kill))
  local row
  row="$run $RESTART_DELAY $progress $((progress - RESTART_DELAY * 1000)) $(ms_since_kill "$t_gone") $(ms_since_kill "$t_jvm")"
  row="$row $(ms_since_kill "$t_akka") $(ms_since_kill "$t_ack") $join_attempts $(ms_since_kill "$t_joined") $(ms_since_kill "$t_up") $(ms_since_kill "$t_recovered")"
  row="$row $(ms_since_kill "$t_adopted") $(ms_since_kill "$t_rest") $(ms_since_kill "$t_http") $(ms_since_kill "$t_overview")"
  row="$row $(ms_since_kill "$t_info") $(ms_since_kill "$t_running") $before $after $how ${load%% *}"
  ROWS+=("$row")
  S_PROGRESS+=("$progress"); S_PROGRESS_MINUS_D+=("$((progress - RESTART_DELAY * 1000))")
  S_GONE+=("$((t_gone - t_kill))")
  [[ -z "$t_jvm" ]] || S_JVM+=("$((t_jvm - t_kill))")
  [[ -z "$t_akka" ]] || S_AKKA+=("$((t_akka - t_kill))")
  [[ -z "$t_ack" ]] || S_ACK+=("$((t_ack - t_kill))")
  [[ -z "$t_joined" ]] || S_JOINED+=("$((t_joined - t_kill))")
  [[ -z "$t_up" ]] || S_UP+=("$((t_up - t_kill))")
  [[ -z "$t_recovered" ]] || S_RECOVERED+=("$((t_recovered - t_kill))")
  [[ -z "$t_rest" ]] || S_REST+=("$((t_rest - t_kill))")
  [[ -z "$t_adopted" ]] || S_ADOPTED+=("$((t_adopted - t_kill))")
  [[ -z "$t_http" ]] || S_HTTP+=("$((t_http - t_kill))")
  [[ -z "$t_overview" ]] || S_OVERVIEW+=("$((t_overview - t_kill))")
  [[ -z "$t_info" ]] || S_INFO+=("$((t_info - t_kill))")
  [[ -z "$t_running" ]] || S_RUNNING+=("$((t_running - t_kill))")
  if [[ -n "${RESULTS_CSV:-}" ]]; then echo "${row// /,}" >>"$RESULTS_CSV"; fi
  echo "  kill -> job progressing: $progress ms (restart delay ${RESTART_DELAY}s; REST answering after $(ms_since_kill "$t_http") ms," \
       "joined after $(ms_since_kill "$t_joined") ms in $join_attempts join attempt(s); count $before -> $after; task groups $how)"

  # ---- cancel, stop ----
  http POST "$api/stop-job" 10 "{\"jobId\": $job_id}"
  [[ "$CODE" == 200 ]] || fail "stop-job failed: HTTP $CODE $BODY"
  deadline=$((SECONDS + 60))
  while :; do
    http GET "$api/job-info/$job_id" 5
    status="$(json_field "$BODY" jobStatus)"
    [[ "$status" != CANCELED ]] || break
    (( SECONDS < deadline )) || fail "job $job_id not CANCELED within 60 s of POST /stop-job (last: HTTP $CODE ${status:-})"
    sleep 0.5
  done
  stop_cluster
  if [[ "$KEEP_STATE" != 1 ]]; then rm -rf "$STATE"; fi
  STATE=""
}

# ---- statistics ---------------------------------------------------------------------------------------

stats() { # values... -> "median min max" (median of an even count: mean of the middle two)
  if (( $# == 0 )); then echo "- - -"; return; fi
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%d %d %d\n", m, v[1], v[NR] }'
}

stat_line() { # label values...
  local label="$1"; shift
  local median min max
  read -r median min max < <(stats "$@")
  printf '  %-46s median %6s  min %6s  max %6s  (n=%d)\n' "$label" "$median" "$min" "$max" "$#"
}

# ---- main ---------------------------------------------------------------------------------------------

echo "master failover benchmark: $RUNS run(s), restart delay ${RESTART_DELAY}s, FakeSource STREAMING," \
     "parallelism $PARALLELISM x $RATE rows/s, ports $ATOLL_BASE_PORT-$((ATOLL_BASE_PORT + WORKERS)) / http $ATOLL_HTTP_PORT"
echo "jar $ATOLL_JAR; work dir $WORK_DIR; $(nproc 2>/dev/null || echo '?') cpu(s); json via $( ((have_jq)) && echo jq || echo sed)"
print_settings
echo

for run in $(seq 1 "$RUNS"); do
  run_once "$run"
done

echo
echo "all times in ms after the kill -9 of the master (poll every ${POLL_INTERVAL}s, each answer timed when it arrived):"
header="run delay_s kill_to_progress progress_minus_delay proc_gone jvm_log akka_up join_ack joins joined member_up jm_recovered adopted rest_log rest_answers overview_works job_info job_running count_before count_after task_groups load1"
{
  echo "$header"
  printf '%s\n' "${ROWS[@]}"
} | column -t 2>/dev/null || { echo "$header"; printf '%s\n' "${ROWS[@]}"; }
echo
echo "summary over $RUNS run(s), restart delay ${RESTART_DELAY}s:"
stat_line "kill -> job RUNNING and progressing" "${S_PROGRESS[@]}"
if (( RESTART_DELAY > 0 )); then stat_line "  same minus the restart delay" "${S_PROGRESS_MINUS_D[@]}"; fi
stat_line "kill -> killed process gone" "${S_GONE[@]}"
stat_line "kill -> new master JVM logging" "${S_JVM[@]}"
stat_line "kill -> Akka cluster extension started" "${S_AKKA[@]}"
stat_line "kill -> first InitJoinAck from a worker" "${S_ACK[@]}"
stat_line "kill -> joined the cluster (Welcome)" "${S_JOINED[@]}"
stat_line "kill -> member Up (roles start)" "${S_UP[@]}"
stat_line "kill -> job master recovered from journal" "${S_RECOVERED[@]}"
stat_line "kill -> job master adopted all task groups" "${S_ADOPTED[@]}"
stat_line "kill -> REST API listening (log)" "${S_REST[@]}"
stat_line "kill -> REST answering (any status)" "${S_HTTP[@]}"
stat_line "kill -> /overview 200 with works == $WORKERS" "${S_OVERVIEW[@]}"
stat_line "kill -> /job-info 200" "${S_INFO[@]}"
stat_line "kill -> /job-info RUNNING" "${S_RUNNING[@]}"
echo
print_settings
echo "note: the machine may be shared and noisy; JVM start and recovery compete for CPU with other work."
if [[ "$KEEP_STATE" == 1 ]]; then
  echo "logs kept in $WORK_DIR"
elif (( own_work_dir )); then
  rm -rf "$WORK_DIR"
fi
