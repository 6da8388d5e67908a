#!/usr/bin/env bash
# Startup benchmark: wall time and peak RSS of three things an operator waits for, for three ways of
# running the same runtime.jar, median of N runs each, printed as a table.
#
#   benchmarks/startup/startup.sh [DIST_DIR]     # default: deploy/target/atoll
#
# Build the distribution first, with its jlink runtime and CDS archive:
#   mvn -B -o -pl runtime,deploy -am package -DskipTests   (deploy's build makes them when the JDK has jlink)
#
# What is measured (wall time with the shell clock or /usr/bin/time, peak RSS = VmHWM / %M):
#   version  bin/atoll --version
#   run      bin/atoll run benchmarks/startup/sixteen_rows.conf (16 rows FakeSource -> FieldMapper ->
#            Console, written with SeaTunnel 2.3.4's option names)
#   worker   bin/atoll --role worker --seed-nodes MASTER: from exec to the worker's own
#            "member ... is up with roles [worker]" log line (it has joined and is Up), against a
#            master started once beforehand; its RSS is read then, and once more 5 s later (idle)
# How:
#   fat-jar    the system JVM (`java` on PATH, its default CDS archive), -jar lib/runtime.jar
#   jlink      the distribution's jlink'ed runtime, no AppCDS archive (ATOLL_CDS=off)
#   jlink+cds  the distribution's jlink'ed runtime with lib/atoll.jsa (bin/atoll's default)
# All through bin/atoll, so with the same heap (ATOLL_HEAP, default 256m) and logback config.
#
# Environment (optional): RUNS (default 5), BENCH_PORT (master's cluster port, default 25820),
# BENCH_HTTP_PORT (default 18820). Only 127.0.0.1 is used. Needs /usr/bin/time (Debian: time).
#   SEATUNNEL_RUN  a script that runs a job file on SeaTunnel 2.3.4's local mode and prints a Python
#                  dict with 'wall_s' and 'peak_rss_mb' (usage: SCRIPT CONF HEAP_FLAGS LOGFILE); when
#                  set, the same job runs on it too, interleaved with Atoll's runs, with
#                  -Xms256m -Xmx512m, and the table gets a row for it and the ratio
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dist="$(cd "${1:-$root/deploy/target/atoll}" && pwd)"
runs="${RUNS:-5}"
port="${BENCH_PORT:-25820}"
http_port="${BENCH_HTTP_PORT:-18820}"
job="$root/benchmarks/startup/sixteen_rows.conf"
[[ -x "$dist/bin/atoll" ]] || { echo "startup: $dist/bin/atoll not found; build the distribution (see the header)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "startup: /usr/bin/time not found (apt-get install time)" >&2; exit 1; }
[[ -x "$dist/runtime/bin/java" && -f "$dist/lib/atoll.jsa" ]] \
  || echo "startup: $dist has no jlink runtime or CDS archive: those rows measure the system JVM" >&2

work="$(mktemp -d)"
master_pid=""
cleanup() {
  local rc=$?
  if [[ -n "$master_pid" ]]; then kill -TERM "$master_pid" 2>/dev/null || true; wait "$master_pid" 2>/dev/null || true; fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT

# The environment bin/atoll gets for each way of running it.
variant_env() {
  case "$1" in
    fat-jar) echo "ATOLL_JAVA=$(command -v java)" ;;
    jlink) echo "ATOLL_CDS=off" ;;
    jlink+cds) echo "ATOLL_CDS=on" ;;
  esac
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# One command through bin/atoll: prints "SECONDS KB" (wall, peak RSS).
measure_cmd() {
  local variant="$1"; shift
  /usr/bin/time -o "$work/t" -f "%e %M" env $(variant_env "$variant") "$dist/bin/atoll" "$@" > "$work/cmd.log" 2>&1 \
    || { echo "startup: $variant: bin/atoll $* failed:" >&2; tail -20 "$work/cmd.log" >&2; exit 1; }
  cat "$work/t"
}

measure_worker() {
  local variant="$1" n="$2" log="$work/worker-$n.log" start pid joined rss
  : > "$log"
  start="$(now_ms)"
  env $(variant_env "$variant") "$dist/bin/atoll" --role worker --port 0 --slots 1 \
    --seed-nodes "127.0.0.1:$port" --data-dir "$work/worker-$n" > "$log" 2>&1 &
  pid=$!
  joined=""
  for (( i = 0; i < 3000; i++ )); do   # at most 60 s
    if grep -q "is up with roles \[worker\]" "$log"; then joined="$(now_ms)"; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.02
  done
  if [[ -z "$joined" ]]; then
    echo "startup: $variant: worker did not join within 60 s:" >&2; tail -20 "$log" >&2
    kill -TERM "$pid" 2>/dev/null; exit 1
  fi
  rss="$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")"
  if [[ "$n" == "$runs" ]]; then   # once per variant: the worker idle 5 s after joining
    sleep 5
    awk '/VmRSS/ { print $2 }' "/proc/$pid/status" > "$work/idle-rss"
    ls "/proc/$pid/task" | wc -l > "$work/idle-threads"
  fi
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  echo "$(awk -v ms=$(( joined - start )) 'BEGIN { printf "%.2f", ms / 1000 }') $rss"
}

# SeaTunnel's local mode on the same job: prints "SECONDS KB".
measure_seatunnel() {
  local out
  out="$(timeout 300 "$SEATUNNEL_RUN" "$job" "-Xms256m -Xmx512m" "$work/seatunnel-$1.log" | tail -1)"
  python3 -c "import ast, sys; d = ast.literal_eval(sys.argv[1]); assert d['rc'] == '0', d; print(f\"{d['wall_s']:.2f} {d['peak_rss_mb'] * 1024}\")" "$out" \
    || { echo "startup: SeaTunnel failed: $out" >&2; exit 1; }
}

results="$work/results"
# First the commands, with nothing else running (a master beside them, busy with workers leaving,
# took ~0.3 s of CPU from each run): the three ways and SeaTunnel interleaved, round after round.
for (( n = 1; n <= runs; n++ )); do
  for variant in fat-jar jlink jlink+cds; do
    echo "startup: $variant --version and run, round $n/$runs ..." >&2
    echo "$variant version $(measure_cmd "$variant" --version)" >> "$results"
    echo "$variant run $(cd "$work" && measure_cmd "$variant" run "$job")" >> "$results"
  done
  if [[ -n "${SEATUNNEL_RUN:-}" ]]; then
    echo "startup: seatunnel run, round $n/$runs ..." >&2
    echo "seatunnel run $(measure_seatunnel "$n")" >> "$results"
  fi
done

# Then the workers, against one master.
echo "startup: master on 127.0.0.1:$port (jlink+cds) ..." >&2
"$dist/bin/atoll" --role master --port "$port" --http-port "$http_port" --data-dir "$work/master" \
  > "$work/master.log" 2>&1 &
master_pid=$!
for (( i = 0; i < 3000; i++ )); do
  grep -q "is up with roles" "$work/master.log" && break
  kill -0 "$master_pid" 2>/dev/null || { tail -20 "$work/master.log" >&2; exit 1; }
  sleep 0.02
done
for variant in fat-jar jlink jlink+cds; do
  for (( n = 1; n <= runs; n++ )); do
    echo "startup: $variant worker $n/$runs ..." >&2
    echo "$variant worker $(measure_worker "$variant" "$n")" >> "$results"
  done
  echo "$variant idle $(cat "$work/idle-rss") $(cat "$work/idle-threads")" >> "$results"
done

printf '\nStartup, median of %s (wall s / peak RSS MB); %s, %s cores, ATOLL_HEAP=%s\n' \
  "$runs" "$(java -version 2>&1 | head -1)" "$(nproc)" "${ATOLL_HEAP:-256m}"
printf '%-10s | %-15s | %-15s | %-19s | %-18s\n' how "--version" "run 16 rows" "worker exec->joined" "worker idle +5 s"
printf '%-10s-+-%-15s-+-%-15s-+-%-19s-+-%-18s\n' ---------- --------------- --------------- ------------------- ------------------
for variant in fat-jar jlink jlink+cds; do
  cells=()
  for what in version run worker; do
    s="$(awk -v v="$variant" -v w="$what" '$1 == v && $2 == w { print $3 }' "$results" | median)"
    kb="$(awk -v v="$variant" -v w="$what" '$1 == v && $2 == w { print $4 }' "$results" | median)"
    cells+=("$(printf '%5.2f s / %3d MB' "$s" $(( kb / 1024 )))")
  done
  read -r _ _ idle threads < <(grep "^$variant idle" "$results")
  printf '%-10s | %-15s | %-15s | %-19s | %3d MB, %d threads\n' "$variant" "${cells[@]}" $(( idle / 1024 )) "$threads"
done
if [[ -n "${SEATUNNEL_RUN:-}" ]]; then
  st_s="$(awk '$1 == "seatunnel" && $2 == "run" { print $3 }' "$results" | median)"
  st_kb="$(awk '$1 == "seatunnel" && $2 == "run" { print $4 }' "$results" | median)"
  printf '%-10s | %-15s | %-15s | %-19s | %s\n' seatunnel - "$(printf '%5.2f s / %3d MB' "$st_s" $(( st_kb / 1024 )))" - \
    "(SeaTunnel 2.3.4 local mode, -Xms256m -Xmx512m)"
  for variant in fat-jar jlink+cds; do
    s="$(awk -v v="$variant" '$1 == v && $2 == "run" { print $3 }' "$results" | median)"
    printf 'run 16 rows, %s / seatunnel: %s\n' "$variant" "$(awk -v a="$s" -v b="$st_s" 'BEGIN { printf "%.2f", a / b }')"
  done
fi
if [[ -d "$dist/runtime" ]]; then
  printf '\nsizes: runtime.jar %s, jlink runtime %s, CDS archive %s, distribution %s\n' \
    "$(du -h "$dist/lib/runtime.jar" | cut -f1)" "$(du -sh "$dist/runtime" | cut -f1)" \
    "$(du -h "$dist/lib/atoll.jsa" 2>/dev/null | cut -f1)" "$(du -sh "$dist" | cut -f1)"
fi
