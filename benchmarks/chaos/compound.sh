#!/usr/bin/env bash
# Compound crash chaos runs (issue 9): each run starts 1 master + 2 workers (3 slots each, so one
# worker alone can hold a parallelism-2 job) with deploy/bin/atoll-local-cluster.sh, submits a
# checkpointed FakeSource -> LocalFile job of known content, hits it with a compound failure once
# rows are committed, and then checks the outcome:
#
#   finished  the job reached FINISHED within END_TIMEOUT seconds of the (last) kill
#   exact     the sink's committed files hold exactly the rows of an undisturbed local run (made once
#             with `runtime.jar run`), none missing, none twice
#   clean     no temp file left under the sink's .atoll-tmp/
#   alive     no node process exited by itself (a downed node must rejoin, not exit)
#   kill->RUNNING again   seconds from the (last) kill until committed rows grow again, counted from
#                         the rows committed when the (restarted) master first answers
#   kill->end             seconds from the (last) kill until the job's final state
#
# Scenarios (SCENARIOS, space separated; default all four):
#   master+seed-worker      kill -9 the master and worker-1 (a seed node) at once, restart both at once
#   master+worker-2         kill -9 the master and worker-2 at once, restart both at once
#   worker-twice            kill -9 worker-2, restart it; once rows grow again, kill -9 worker-1, restart it
#   master-mid-checkpoint   SIGSTOP both workers until the master logs a checkpoint still waiting for its
#                           task groups, kill -9 the master, SIGCONT the workers, restart the master
#
#   benchmarks/chaos/compound.sh            # 20 runs of each scenario
#   benchmarks/chaos/compound.sh 3          # 3 runs of each
#   SCENARIOS="master+seed-worker master+worker-2" benchmarks/chaos/compound.sh 20
#
# Environment (all optional): ROWS (3000 rows per reader), RATE (150 rows/s per reader), KILL_AT
# (1000 committed rows), END_TIMEOUT (240 s), WORK_DIR (a new mktemp dir), KEEP_STATE (0: delete a
# run's dir when it passed; failed runs keep their logs), ATOLL_JAR, ATOLL_BASE_PORT (27520),
# ATOLL_HTTP_PORT (8280), RESULTS_CSV (also append the per-run rows there), ADVERTISE_INTERVAL (unset:
# Akka's default of 1 minute; e.g. 2s makes Artery advertise its actor-ref compression table sooner,
# so a message sent to an actor before it existed would poison that path within seconds instead of
# after a minute — compression stays on either way).
# Runs are sequential and use about 2 cores; keep the machine otherwise idle for the timings.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cluster="$repo/deploy/bin/atoll-local-cluster.sh"

RUNS="${1:-${RUNS:-20}}"
SCENARIOS="${SCENARIOS:-master+seed-worker master+worker-2 worker-twice master-mid-checkpoint}"
ROWS="${ROWS:-3000}"
RATE="${RATE:-150}"
KILL_AT="${KILL_AT:-1000}"
END_TIMEOUT="${END_TIMEOUT:-240}"
KEEP_STATE="${KEEP_STATE:-0}"
export ATOLL_BASE_PORT="${ATOLL_BASE_PORT:-27520}"
export ATOLL_HTTP_PORT="${ATOLL_HTTP_PORT:-8280}"
export ATOLL_JAR="${ATOLL_JAR:-$repo/runtime/target/runtime.jar}"
export ATOLL_SLOTS=3
if [[ -n "${ADVERTISE_INTERVAL:-}" ]]; then
  export ATOLL_CONFIG="$(mktemp -t atoll-chaos-conf.XXXXXX)"
  echo "akka.remote.artery.advanced.compression.actor-refs.advertisement-interval = $ADVERTISE_INTERVAL" >"$ATOLL_CONFIG"
fi
api="http://127.0.0.1:$ATOLL_HTTP_PORT"

for n in RUNS ROWS RATE KILL_AT END_TIMEOUT ATOLL_BASE_PORT ATOLL_HTTP_PORT; do
  if ! [[ "${!n}" =~ ^[0-9]+$ ]]; then echo "compound: $n must be a whole number, got '${!n}'" >&2; exit 2; fi
done
for s in $SCENARIOS; do
  case "$s" in master+seed-worker|master+worker-2|worker-twice|master-mid-checkpoint) ;;
    *) echo "compound: unknown scenario '$s'" >&2; exit 2 ;; esac
done
for tool in curl jq java; do command -v "$tool" >/dev/null || { echo "compound: $tool is required" >&2; exit 2; }; done
[[ -f "$ATOLL_JAR" ]] || { echo "compound: $ATOLL_JAR not found; build it with 'mvn -B -q -DskipTests package' at $repo" >&2; exit 2; }

WORK_DIR="${WORK_DIR:-$(mktemp -d -t atoll-chaos.XXXXXX)}"
mkdir -p "$WORK_DIR"
echo "work dir $WORK_DIR; $RUNS run(s) of: $SCENARIOS"

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

source_block() {
  echo "FakeSource { row.num = $ROWS, split.num = 4, schema.fields { id = bigint, name = string, score = int } }"
}

# The reference: the same source, undisturbed, on an embedded node.
reference="$WORK_DIR/reference.sorted"
if [[ ! -s "$reference" ]]; then
  mkdir -p "$WORK_DIR/reference"
  cat >"$WORK_DIR/reference.conf" <<EOF
env { job.name = reference, parallelism = 2 }
source { $(source_block) }
sink { LocalFile { path = "$WORK_DIR/reference/out", file_format_type = csv } }
EOF
  (cd "$WORK_DIR/reference" && java -Xmx256m -jar "$ATOLL_JAR" run "$WORK_DIR/reference.conf" >"$WORK_DIR/reference/run.log" 2>&1) \
    || { echo "compound: the reference run failed; see $WORK_DIR/reference/run.log" >&2; exit 1; }
  cat "$WORK_DIR/reference/out"/* | sort >"$reference"
fi
expected_rows=$(wc -l <"$reference")
echo "reference: $expected_rows rows"

committed() { # out dir -> committed line count
  local n=0
  if compgen -G "$1/*" >/dev/null; then n=$( (cat "$1"/* 2>/dev/null || true) | wc -l); fi
  echo "$n"
}

job_status() { curl -fsS "$api/job-info/$1" 2>/dev/null | jq -r '.jobStatus // empty' 2>/dev/null || true; }

pid_of() { cat "$ATOLL_STATE_DIR/$1.pid"; }

# kill -9 the named nodes at once, then wait (up to 10 s) until their processes are gone: the cluster
# script would not start a node again while its old pid still answers.
kill9() {
  local pids=() name pid deadline=$(( SECONDS + 10 ))
  for name in "$@"; do pids+=("$(pid_of "$name")"); done
  kill -9 "${pids[@]}"
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null && ! grep -qs '^State:[[:space:]]*Z' "/proc/$pid/status" && (( SECONDS < deadline )); do
      sleep 0.05
    done
  done
}

# Waits until at least $2 rows are committed in $1 (or gives up after $3 s): 0 when reached.
await_rows() {
  local deadline=$(( SECONDS + $3 ))
  while (( SECONDS < deadline )); do
    (( $(committed "$1") >= $2 )) && return 0
    sleep 0.2
  done
  return 1
}

# A run interrupted (Ctrl-C, an error) must not leave its nodes behind holding the ports.
trap '[[ -n "${ATOLL_STATE_DIR:-}" && -d "$ATOLL_STATE_DIR" ]] && "$cluster" stop >/dev/null 2>&1' EXIT

results=()
run_one() { # scenario, run number
  local scenario="$1" run="$2"
  if curl -fsS -o /dev/null "$api/overview" 2>/dev/null; then
    echo "compound: something already answers on $api (a cluster left running?); stop it or set ATOLL_HTTP_PORT" >&2
    exit 1
  fi
  export ATOLL_STATE_DIR="$WORK_DIR/$scenario-$run"
  rm -rf "$ATOLL_STATE_DIR"; mkdir -p "$ATOLL_STATE_DIR"
  local out="$ATOLL_STATE_DIR/out" verdict=""
  "$cluster" start 2 >"$ATOLL_STATE_DIR/cluster-start.txt" 2>&1 || { verdict="cluster did not start"; }
  local job_id=""
  if [[ -z "$verdict" ]]; then
    local conf="env { job.name = chaos-$run, job.mode = BATCH, parallelism = 2, checkpoint.interval = 1000, read_limit.rows_per_second = $RATE, job.retry.times = 3, job.retry.interval.seconds = 1 }
source { $(source_block) }
sink { LocalFile { path = \"$out\", file_format_type = csv } }"
    job_id=$(curl -fsS -X POST --data-binary "$conf" "$api/submit-job?format=hocon" | jq -r '.jobId // empty') || true
    [[ -n "$job_id" ]] || verdict="submit failed"
  fi
  if [[ -z "$verdict" ]] && ! await_rows "$out" "$KILL_AT" 90; then verdict="no rows committed before the kill"; fi
  local t_kill="" t_running="" t_end="" final="" rows_at_kill=0
  if [[ -z "$verdict" ]]; then
    case "$scenario" in
      master+seed-worker|master+worker-2)
        local w=1; [[ "$scenario" == master+worker-2 ]] && w=2
        rows_at_kill=$(committed "$out")
        kill9 master "worker-$w"; t_kill=$(now)
        "$cluster" restart-master >/dev/null; "$cluster" restart-worker "$w" >/dev/null
        ;;
      worker-twice)
        kill9 worker-2
        "$cluster" restart-worker 2 >/dev/null
        local before; before=$(committed "$out")
        if ! await_rows "$out" $((before + 300)) 150; then verdict="no progress after the first worker kill"; fi
        rows_at_kill=$(committed "$out")
        kill9 worker-1; t_kill=$(now)
        "$cluster" restart-worker 1 >/dev/null
        ;;
      master-mid-checkpoint)
        kill -STOP "$(pid_of worker-1)" "$(pid_of worker-2)"
        local deadline=$(( SECONDS + 15 ))
        until grep -q "still waits for task groups" "$ATOLL_STATE_DIR/master.log" || (( SECONDS >= deadline )); do sleep 0.05; done
        rows_at_kill=$(committed "$out")
        kill9 master; t_kill=$(now)
        kill -CONT "$(pid_of worker-1)" "$(pid_of worker-2)"
        "$cluster" restart-master >/dev/null
        ;;
    esac
  fi
  if [[ -z "$verdict" ]]; then
    local end_deadline; end_deadline=$(awk -v t="$t_kill" -v d="$END_TIMEOUT" 'BEGIN { printf "%d", t + d }')
    local baseline=""
    while (( $(date +%s) < end_deadline )); do
      final=$(job_status "$job_id")
      # rows a dead master had already acknowledged may still be renamed in after the kill: count from
      # what is committed once the (restarted) master answers again
      if [[ -z "$baseline" && -n "$final" ]]; then baseline=$(committed "$out"); fi
      if [[ -n "$baseline" && -z "$t_running" ]] && (( $(committed "$out") > baseline )); then t_running=$(now); fi
      case "$final" in FINISHED|FAILED|CANCELED) t_end=$(now); break ;; esac
      sleep 0.2
    done
    [[ -n "$t_end" ]] || final="${final:-UNKNOWN} (gave up after ${END_TIMEOUT}s)"
  fi
  local exact=no clean=no alive=yes rows=0 temp=0
  if [[ -d "$out" ]]; then
    rows=$(committed "$out")
    if compgen -G "$out/*" >/dev/null && cmp -s <(cat "$out"/* | sort) "$reference"; then exact=yes; fi
    temp=$( (find "$out/.atoll-tmp" -type f 2>/dev/null || true) | wc -l)
    (( temp == 0 )) && clean=yes
  fi
  for pidfile in "$ATOLL_STATE_DIR"/*.pid; do
    [[ -e "$pidfile" ]] || continue
    kill -0 "$(cat "$pidfile")" 2>/dev/null || alive="no ($(basename "$pidfile" .pid))"
  done
  "$cluster" stop >/dev/null 2>&1 || true
  local finished=no; [[ "$final" == FINISHED ]] && finished=yes
  local to_running="-" to_end="-"
  [[ -n "$t_running" ]] && to_running=$(secs "$t_kill" "$t_running")
  [[ -n "$t_end" ]] && to_end=$(secs "$t_kill" "$t_end")
  local row="$scenario,$run,${final:-$verdict},$finished,$exact,$rows,$clean,$alive,$to_running,$to_end"
  results+=("$row")
  [[ -n "${RESULTS_CSV:-}" ]] && echo "$row" >>"$RESULTS_CSV"
  printf '%-22s run %2d: %-10s exact=%-3s rows=%-6s temp=%-2s alive=%-14s kill->RUNNING %6ss kill->end %6ss %s\n' \
    "$scenario" "$run" "${final:-failed}" "$exact" "$rows" "$temp" "$alive" "$to_running" "$to_end" "$verdict"
  if [[ "$finished" == yes && "$exact" == yes && "$clean" == yes && "$alive" == yes && "$KEEP_STATE" == 0 ]]; then
    rm -rf "$ATOLL_STATE_DIR"
  fi
}

for scenario in $SCENARIOS; do
  for run in $(seq 1 "$RUNS"); do run_one "$scenario" "$run"; done
done

stats() { # values on stdin, "-" ignored -> "median (min-max)"
  grep -v '^-$' | sort -n | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "-"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.1f (%.1f-%.1f)", m, v[1], v[NR] }'
}

echo
printf '| scenario | runs | finished | exact | no temp left | no node exited | kill -> RUNNING again, s: median (min-max) | kill -> end, s |\n'
printf '|---|---|---|---|---|---|---|---|\n'
for scenario in $SCENARIOS; do
  rows=$(printf '%s\n' "${results[@]}" | grep "^$scenario,")
  n=$(echo "$rows" | grep -c . || true)
  fin=$(echo "$rows" | awk -F, '$4 == "yes"' | grep -c . || true)
  ex=$(echo "$rows" | awk -F, '$5 == "yes"' | grep -c . || true)
  cl=$(echo "$rows" | awk -F, '$7 == "yes"' | grep -c . || true)
  al=$(echo "$rows" | awk -F, '$8 == "yes"' | grep -c . || true)
  printf '| %s | %d | %d | %d | %d | %d | %s | %s |\n' "$scenario" "$n" "$fin" "$ex" "$cl" "$al" \
    "$(echo "$rows" | cut -d, -f9 | stats)" "$(echo "$rows" | cut -d, -f10 | stats)"
done
