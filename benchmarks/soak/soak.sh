#!/usr/bin/env bash
# Soak run (issue 12): N jobs, one after the other, through ONE running node, sampling what a slow leak
# would grow. Exits 1 when a column's least-squares slope per 100 jobs is above its threshold, or when
# a job did not end as it should; 2 for a bad parameter or a missing tool.
#
#   benchmarks/soak/soak.sh                 # N=1000 jobs, leak detection at its default (simple)
#   N=100 benchmarks/soak/soak.sh           # a quick check (about two minutes)
#   LEVEL=off N=1000 benchmarks/soak/soak.sh; LEVEL=paranoid N=1000 benchmarks/soak/soak.sh   # cost of paranoid
#
# The node: hybrid, HEAP (256m) of G1 heap, SLOTS (4) fixed slots, REST on 127.0.0.1:HTTP_PORT, its own
# data dir and java.io.tmpdir under WORK_DIR (the machine's /tmp is shared with other processes, whose
# files would be counted; TMP_DIR=/tmp watches the real one), atoll.leak-detection.level = LEVEL, and a
# plugins dir with one plugin jar built here (javac: a pass-through transform, SoakPassThrough).
#
# The jobs, in a cycle of 10: FakeSource -> Console (3), FakeSource -> LocalFile (3, its output checked
# and removed), FakeSource -> SoakPassThrough -> Console (2, the plugin jar), an Assert sink whose rule
# fails (1, must end FAILED), and a rate-limited job cancelled once RUNNING (1, must end CANCELED).
# WARMUP (100) jobs of the same mix, and for at least WARMUP_SECONDS (70), run before the first sample,
# so class loading, the JIT and the first journal files are not read as growth: the node's first
# one-minute tasks (the cluster monitor's summary, the job history's expiry) load their code once, ~60
# classes, which would otherwise read as a climb in a short run.
#
# Every SAMPLE_EVERY (50) jobs: heap used after a full GC (jcmd GC.run, then GC.heap_info), metaspace
# used, classes loaded (jstat -class: loaded - unloaded), live threads (/proc/PID/status) and those of
# them outside the node's thread pools (jcmd Thread.print), open fds (/proc/PID/fd), free slots (GET
# /overview unassignedSlot), entries under the node's tmpdir, files in its data dir, and the leaks the
# node's resource tracker counted. The table, then each column's least-squares slope per 100 jobs and
# jobs/s (the time of the jobs alone, sampling excluded) are printed.
#
# Thresholds, per 100 jobs (override with the variable named in brackets). Each is well below what the
# smallest real leak of that kind adds over 100 jobs of this mix, and above the noise of a clean run:
#   heap        [MAX_HEAP_KB, 2048]   ended jobs expire from the history after a minute here
#               (atoll.job.history-job-expire-minutes = 1), so a clean node's heap after a full GC levels
#               off; one job's summary, metrics or task graph kept per job is tens of KB, a leaked plugin
#               classloader with its jar's index more, which is more than 2 MB per 100 jobs in all.
#   metaspace   [MAX_METASPACE_KB, 2048]   the JIT's profiles (MethodData) live in metaspace too and keep
#               growing, slower and slower, for several hundred jobs (~1 MB per 100 jobs after 100 jobs,
#               ~0.4 MB after 300, in a 300-job run), so this catches the big leaks: a real connector's
#               plugin classloader (a JDBC driver: hundreds of classes) holds megabytes of metadata, and
#               one leaked per 100 jobs exceeds this. A leaked loader of the small plugin used here shows
#               in the classes column.
#   classes     [MAX_CLASSES, 10]   a leaked plugin classloader keeps >= 2 classes, 20 loaders per 100
#               jobs >= 40; 10 leaves room for the JIT's late lambda forms and reflection accessors.
#   threads     [MAX_THREADS, max(5, 2000/N)]   all live threads. The node's dispatcher pools (task
#               groups, blocking I/O, Akka's) grow under load and shed idle threads after a minute, so
#               this column swings by up to ~20 threads from one sample to the next (seen: 57 <-> 76).
#               One such swing between the first two samples moves the slope by up to 20 x 100 / N per
#               100 jobs (20 at N=100, 2 at N=1000), hence the limit; one thread leaked by every job of
#               any one kind is >= 10 per 100 jobs, and other_thr below watches the threads outside the
#               pools exactly.
#   other_thr   [MAX_OTHER_THREADS, 1]   live threads outside those bounded pools and the JIT's
#               compiler threads (named as jcmd Thread.print shows them): what a job or plugin starts
#               on its own and never stops; one per job of any one kind is >= 10 per 100 jobs.
#   fds         [MAX_FDS, 1]   a file left open by each LocalFile job is 30 per 100 jobs.
#   free slots  [MAX_SLOT_LOSS, 0.5]   a slot is lost for good when a finished job keeps it; the slope
#               is negated (slots lost per 100 jobs), and losing even one in 100 jobs is a leak.
#   tmp files   [MAX_TMP, 1]   a temp file or dir left by one job kind is >= 10 per 100 jobs.
#   leaks       [MAX_LEAKS, 0]   the node's own count of leaks its resource tracker found
#               (atoll_resource_leaks_total of GET /metrics, all kinds): a clean job leaks nothing, so any
#               growth is a leak the tracker has already named with its allocation site (GET /leaks, the
#               first lines of which are printed at the end).
#   data files  [MAX_DATA, 5]   LevelDB compacts its journal into a few tables and keeps one live log;
#               snapshots replace older ones. Its file count wobbles by a few between compactions, so a
#               steady climb of more than 5 per 100 jobs means files nobody removes (spill files, sink
#               temp files, old snapshots).
#
# Environment (all optional): N (1000), LEVEL (simple: off|simple|paranoid), WARMUP (100), WARMUP_SECONDS
# (70), SAMPLE_EVERY
# (50), HEAP (256m), SLOTS (4), HTTP_PORT (8390), JOB_TIMEOUT (60 s per job), WORK_DIR (a new mktemp
# dir, removed at the end unless KEEP=1 or the run failed), TMP_DIR (WORK_DIR/tmp), JAVA_OPTS (more
# options for the node's JVM, e.g. -Xlog:class+load:file=classes.log to see what keeps loading), DIAG
# (0; 1 saves jcmd's class loader stats, thread dump and class histogram at each sample under
# WORK_DIR/diag, and keeps WORK_DIR), SELF_CHECK (0; 1 makes the plugin leak an open temp file and a
# thread per task, so the run must fail on fds, other_thr and tmp files: a check of this script), ATOLL_JAR
# (runtime/target/runtime.jar: build it with `mvn -B -q -DskipTests package -pl runtime -am`).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

N="${1:-${N:-1000}}"
LEVEL="${LEVEL:-simple}"
WARMUP="${WARMUP:-100}"
WARMUP_SECONDS="${WARMUP_SECONDS:-70}"
SAMPLE_EVERY="${SAMPLE_EVERY:-50}"
HEAP="${HEAP:-256m}"
SLOTS="${SLOTS:-4}"
HTTP_PORT="${HTTP_PORT:-8390}"
JOB_TIMEOUT="${JOB_TIMEOUT:-60}"
KEEP="${KEEP:-0}"
DIAG="${DIAG:-0}"
SELF_CHECK="${SELF_CHECK:-0}"
ATOLL_JAR="${ATOLL_JAR:-$repo/runtime/target/runtime.jar}"
MAX_HEAP_KB="${MAX_HEAP_KB:-2048}"
MAX_METASPACE_KB="${MAX_METASPACE_KB:-2048}"
MAX_CLASSES="${MAX_CLASSES:-10}"
MAX_THREADS="${MAX_THREADS:-}" # default below, once N is known to be a number
MAX_OTHER_THREADS="${MAX_OTHER_THREADS:-1}"
MAX_FDS="${MAX_FDS:-1}"
MAX_SLOT_LOSS="${MAX_SLOT_LOSS:-0.5}"
MAX_TMP="${MAX_TMP:-1}"
MAX_DATA="${MAX_DATA:-5}"
MAX_LEAKS="${MAX_LEAKS:-0}"

fail_usage() { echo "soak: $*" >&2; exit 2; }
for n in N WARMUP WARMUP_SECONDS SAMPLE_EVERY SLOTS HTTP_PORT JOB_TIMEOUT; do
  [[ "${!n}" =~ ^[0-9]+$ ]] || fail_usage "$n must be a whole number, got '${!n}'"
done
(( SAMPLE_EVERY > 0 && N >= SAMPLE_EVERY )) || fail_usage "N ($N) must be at least SAMPLE_EVERY ($SAMPLE_EVERY) > 0"
[[ -n "$MAX_THREADS" ]] || MAX_THREADS=$(( 2000 / N > 5 ? 2000 / N : 5 ))
(( SLOTS >= 2 )) || fail_usage "SLOTS must be at least 2 (jobs run at parallelism 2)"
case "$LEVEL" in off|simple|paranoid) ;; *) fail_usage "LEVEL must be off, simple or paranoid, got '$LEVEL'" ;; esac
for tool in curl jq java javac jar jcmd jstat awk; do
  command -v "$tool" >/dev/null || fail_usage "$tool is required (jcmd, jstat, jar and javac come with a JDK)"
done
[[ -f "$ATOLL_JAR" ]] || fail_usage "$ATOLL_JAR not found; build it with 'mvn -B -q -DskipTests package -pl runtime -am' at $repo"
[[ -d /proc/self/fd ]] || fail_usage "needs Linux's /proc for threads and open fds"

WORK_DIR="${WORK_DIR:-$(mktemp -d -t atoll-soak.XXXXXX)}"
TMP_DIR="${TMP_DIR:-$WORK_DIR/tmp}"
data="$WORK_DIR/data"
api="http://127.0.0.1:$HTTP_PORT"
mkdir -p "$WORK_DIR/plugins" "$WORK_DIR/jobs" "$WORK_DIR/out" "$TMP_DIR"
if curl -fsS -o /dev/null "$api/overview" 2>/dev/null; then
  fail_usage "something already answers on $api (a node left running?); stop it or set HTTP_PORT"
fi

# ---- the plugin jar: what a plugin author ships, compiled against the runtime jar ----
build_plugin() {
  local src="$WORK_DIR/plugin-src" classes="$WORK_DIR/plugin-classes"
  mkdir -p "$src/soakplugin" "$classes/META-INF/services"
  cat >"$src/soakplugin/SoakPassThroughFactory.java" <<'EOF'
package soakplugin;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.Collector;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.connector.TransformFactory;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.util.List;

/** Passes every row on unchanged: the smallest transform a plugin jar can hold. */
public final class SoakPassThroughFactory implements TransformFactory {
  public String name() { return "SoakPassThrough"; }
  public List<OptionSpec> options() { return List.of(); }
  public Transform createTransform(Config config, RowType input) { return new PassThrough(input); }

  static final class PassThrough implements Transform {
    private final RowType type;
    PassThrough(RowType type) { this.type = type; }
    public RowType producedType() { return type; }
    public void open() throws Exception {
      if (Boolean.getBoolean("soak.leak")) { // SELF_CHECK=1: what the soak must catch
        java.io.File file = java.io.File.createTempFile("soak-leak-", ".tmp");
        LEAKED.add(new java.io.FileInputStream(file)); // an open file (fd) and a temp file, never closed
        Thread thread = new Thread(() -> {
          try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }, "soak-leaked-" + file.getName());
        thread.setDaemon(true);
        thread.start(); // a thread never stopped
      }
    }
    public void process(Row row, Collector out) { out.collect(row); }
  }

  static final List<Object> LEAKED = new java.util.concurrent.CopyOnWriteArrayList<>();
}
EOF
  javac -nowarn -d "$classes" -cp "$ATOLL_JAR" "$src/soakplugin/SoakPassThroughFactory.java"
  echo "soakplugin.SoakPassThroughFactory" >"$classes/META-INF/services/io.atoll.protocol.connector.PluginFactory"
  jar --create --file "$WORK_DIR/plugins/soak-plugin.jar" -C "$classes" .
}

# ---- the job files ----
fake='FakeSource { plugin_output = fake, row.num = 20, schema.fields { id = bigint, name = string, score = int } }'
write_jobs() {
  cat >"$WORK_DIR/jobs/console.conf" <<EOF
env { job.name = soak-console, parallelism = 2 }
source { $fake }
sink { Console { plugin_input = fake } }
EOF
  cat >"$WORK_DIR/jobs/plugin.conf" <<EOF
env { job.name = soak-plugin, parallelism = 2 }
source { $fake }
transform { SoakPassThrough { plugin_input = fake, plugin_output = passed } }
sink { Console { plugin_input = passed } }
EOF
  cat >"$WORK_DIR/jobs/assert.conf" <<EOF
env { job.name = soak-assert-fails, parallelism = 2, job.retry.times = 0 }
source { $fake }
sink { Assert { plugin_input = fake, rules { row_rules = [ { rule_type = MAX_ROW, rule_value = 5 } ] } } }
EOF
  cat >"$WORK_DIR/jobs/cancel.conf" <<EOF
env { job.name = soak-cancelled, job.mode = BATCH, parallelism = 2, read_limit.rows_per_second = 5 }
source { FakeSource { plugin_output = fake, row.num = 10000000, schema.fields { id = bigint } } }
sink { Console { plugin_input = fake } }
EOF
}
localfile_job() { # output dir -> job file text
  cat <<EOF
env { job.name = soak-localfile, parallelism = 2 }
source { $fake }
sink { LocalFile { plugin_input = fake, path = "$1", file_format_type = csv } }
EOF
}

# ---- the node ----
node_pid=""
start_node() {
  cat >"$WORK_DIR/node.conf" <<EOF
atoll.plugins-dir = "$WORK_DIR/plugins"
atoll.leak-detection.level = "$LEVEL"
# Ended jobs stay queryable this long (default a day): kept short so that the job history, which
# legitimately grows with the jobs of the last day, levels off within the run and is not read as a leak.
atoll.job.history-job-expire-minutes = 1
EOF
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  java -Xmx"$HEAP" -Xms"$HEAP" -XX:+UseG1GC -Djava.io.tmpdir="$TMP_DIR" -Dsoak.leak="$([[ "$SELF_CHECK" == 1 ]] && echo true || echo false)" \
    ${JAVA_OPTS:-} -jar "$ATOLL_JAR" \
    --config "$WORK_DIR/node.conf" --role hybrid --host 127.0.0.1 --port 0 --http-port "$HTTP_PORT" \
    --slots "$SLOTS" --data-dir "$data" >"$WORK_DIR/node.log" 2>&1 &
  node_pid=$!
  local deadline=$(( SECONDS + 90 ))
  until [[ "$(curl -fsS "$api/overview" 2>/dev/null | jq -r '.unassignedSlot // 0' 2>/dev/null)" == "$SLOTS" ]]; do
    kill -0 "$node_pid" 2>/dev/null || { echo "soak: the node exited at start; see $WORK_DIR/node.log" >&2; exit 1; }
    (( SECONDS < deadline )) || { echo "soak: the node did not offer $SLOTS slots within 90 s; see $WORK_DIR/node.log" >&2; exit 1; }
    sleep 0.2
  done
}
stop_node() {
  [[ -n "$node_pid" ]] || return 0
  kill "$node_pid" 2>/dev/null || true
  local deadline=$(( SECONDS + 30 ))
  while kill -0 "$node_pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.1; done
  kill -9 "$node_pid" 2>/dev/null || true
  node_pid=""
}
trap stop_node EXIT
trap 'exit 130' INT TERM # so that Ctrl-C runs the EXIT trap and stops the node

# ---- one job ----
submit() { # job file -> job id
  curl -fsS -X POST --data-binary @"$1" "$api/submit-job" | jq -r '.jobId'
}
status() { curl -fsS "$api/job-info/$1" 2>/dev/null | jq -r '.jobStatus // empty' 2>/dev/null || true; }
await_status() { # job id, wanted statuses (regex) -> prints the status reached, 1 on timeout
  local deadline=$(( SECONDS + JOB_TIMEOUT )) s
  while (( SECONDS < deadline )); do
    s="$(status "$1")"
    if [[ "$s" =~ ^($2)$ ]]; then echo "$s"; return 0; fi
    sleep 0.02
  done
  echo "${s:-unknown}"; return 1
}

unexpected=0
run_job() { # job number
  local i="$1" kind file want id got
  case $(( i % 10 )) in
    0|3|6) kind=console; file="$WORK_DIR/jobs/console.conf"; want=FINISHED ;;
    1|4|7) kind=localfile; file="$WORK_DIR/jobs/localfile-$i.conf"; want=FINISHED
           localfile_job "$WORK_DIR/out/job-$i" >"$file" ;;
    2|8)   kind=plugin; file="$WORK_DIR/jobs/plugin.conf"; want=FINISHED ;;
    5)     kind=assert; file="$WORK_DIR/jobs/assert.conf"; want=FAILED ;;
    9)     kind=cancel; file="$WORK_DIR/jobs/cancel.conf"; want=CANCELED ;;
  esac
  if ! id="$(submit "$file")" || [[ -z "$id" || "$id" == null ]]; then
    echo "soak: job $i ($kind) was not accepted" >&2; unexpected=$(( unexpected + 1 )); return
  fi
  if [[ "$kind" == cancel ]]; then
    await_status "$id" 'RUNNING|FINISHED|FAILED|CANCELED' >/dev/null || true
    curl -fsS -o /dev/null -X POST --data-binary "{\"jobId\": $id}" "$api/stop-job" || true
  fi
  got="$(await_status "$id" 'FINISHED|FAILED|CANCELED')" || true
  if [[ "$got" != "$want" ]]; then
    echo "soak: job $i ($kind, id $id) ended $got, expected $want" >&2; unexpected=$(( unexpected + 1 ))
  fi
  if [[ "$kind" == localfile ]]; then
    local rows=0
    if compgen -G "$WORK_DIR/out/job-$i/*" >/dev/null; then rows=$(cat "$WORK_DIR/out/job-$i"/* | wc -l); fi
    if (( rows != 40 )); then
      echo "soak: job $i (localfile, id $id) wrote $rows rows, expected 40" >&2; unexpected=$(( unexpected + 1 ))
    fi
    rm -rf "$WORK_DIR/out/job-$i" "$file"
  fi
}

# ---- sampling ----
# Threads of bounded pools that grow and shrink with the load (the dispatchers of reference.conf and
# Akka's, the JIT's compiler threads, the GC's workers); everything else counts as other_thr.
pool_threads='^"(atoll-(akka\.actor\.(default|internal)-dispatcher|akka\.actor\.default-blocking-io-dispatcher|atoll\.task-dispatcher|akka\.remote\.default-remote-dispatcher|akka\.persistence\.dispatchers\.[a-z-]+|akka\.io\.pinned-dispatcher)-[0-9]+|C[12] CompilerThread[0-9]+|GC Thread#[0-9]+|G1 Conc#[0-9]+|G1 Refine#[0-9]+)"'
kb_used() { # GC.heap_info text, line pattern -> KB used
  awk -v pat="$2" '$0 ~ pat { for (i = 1; i < NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); print v; exit } }' <<<"$1"
}
samples="$WORK_DIR/samples.tsv"
# A task group's dispatcher thread outlives its actor by the dispatcher's shutdown-timeout (1 s);
# sampled right after the last job of a batch, those threads read as growth against sample 0, which
# follows a pause. So every sample first waits (at most 4 s) for them to end; any still there then
# is counted. /proc's comm holds the first 15 characters of a thread's name.
wait_for_task_threads() {
  local tries=0
  while (( tries < 40 )) && grep -qs '^atoll-task-grou' /proc/"$node_pid"/task/*/comm; do
    sleep 0.1
    tries=$(( tries + 1 ))
  done
}
sample() { # jobs done
  wait_for_task_threads
  jcmd "$node_pid" GC.run >/dev/null
  local info heap meta classes threads other fds free tmp files leaks
  info="$(jcmd "$node_pid" GC.heap_info)"
  heap="$(kb_used "$info" 'garbage-first heap')"
  meta="$(kb_used "$info" '^ *Metaspace')"
  classes="$(jstat -class "$node_pid" | awk 'NR == 2 { print $1 - $3 }')"
  threads="$(awk '/^Threads:/ { print $2 }' "/proc/$node_pid/status")"
  other="$(jcmd "$node_pid" Thread.print | grep '^"' | grep -cvE "$pool_threads" || true)"
  fds="$(find "/proc/$node_pid/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)"
  free="$(curl -fsS "$api/overview" | jq -r '.unassignedSlot')"
  tmp="$(find "$TMP_DIR" -mindepth 1 2>/dev/null | wc -l)"
  files="$(find "$data" -type f 2>/dev/null | wc -l)"
  leaks="$(curl -fsS "$api/metrics" | awk '/^atoll_resource_leaks_total/ { n += $NF } END { print n + 0 }')"
  if [[ "$DIAG" == 1 ]]; then # what grows: class loaders, threads, classes by count
    mkdir -p "$WORK_DIR/diag"
    jcmd "$node_pid" VM.classloader_stats >"$WORK_DIR/diag/classloaders-$1.txt"
    jcmd "$node_pid" Thread.print >"$WORK_DIR/diag/threads-$1.txt"
    jcmd "$node_pid" GC.class_histogram >"$WORK_DIR/diag/histogram-$1.txt"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$heap" "$meta" "$classes" "$threads" "$other" "$fds" "$free" "$tmp" "$files" "$leaks" >>"$samples"
  printf '%6s %10s %12s %8s %8s %9s %6s %6s %6s %6s %6s\n' "$1" "$heap" "$meta" "$classes" "$threads" "$other" "$fds" "$free" "$tmp" "$files" "$leaks"
}

build_plugin
write_jobs
start_node
echo "soak: node pid $node_pid, level $LEVEL, heap $HEAP, $SLOTS slots, work dir $WORK_DIR"
echo "soak: at least $WARMUP warm-up jobs and ${WARMUP_SECONDS} s, then $N jobs sampled every $SAMPLE_EVERY"
warm_until=$(( SECONDS + WARMUP_SECONDS ))
for (( i = 0; i < WARMUP || SECONDS < warm_until; i++ )); do run_job "$i"; done
WARMUP=$i

# A first sample thrown away: the node loads the code that answers the probes (GET /metrics, jcmd's
# attach listener; ~80 classes) the first time it is asked, which would read as growth.
sample 0 >/dev/null
printf '%6s %10s %12s %8s %8s %9s %6s %6s %6s %6s %6s\n' jobs heap_kb metaspace_kb classes threads other_thr fds free tmp data leaks
: >"$samples"
sample 0
job_nanos=0
for (( done_jobs = 0; done_jobs < N; )); do
  t0=$(date +%s%N)
  for (( k = 0; k < SAMPLE_EVERY && done_jobs < N; k++ )); do
    run_job $(( WARMUP + done_jobs )); done_jobs=$(( done_jobs + 1 ))
  done
  job_nanos=$(( job_nanos + $(date +%s%N) - t0 ))
  sample "$done_jobs"
done

# ---- slopes and verdict ----
verdict="$(awk -F'\t' -v heap="$MAX_HEAP_KB" -v meta="$MAX_METASPACE_KB" -v classes="$MAX_CLASSES" \
    -v threads="$MAX_THREADS" -v other="$MAX_OTHER_THREADS" -v fds="$MAX_FDS" -v slots="$MAX_SLOT_LOSS" -v tmp="$MAX_TMP" -v data="$MAX_DATA" -v leaks="$MAX_LEAKS" '
  { n++; x[n] = $1; for (c = 2; c <= 11; c++) y[c, n] = $c }
  END {
    split("heap_kb metaspace_kb classes threads other_threads fds free_slots tmp_files data_files leaks", name, " ")
    limit[2] = heap; limit[3] = meta; limit[4] = classes; limit[5] = threads; limit[6] = other; limit[7] = fds
    limit[8] = slots; limit[9] = tmp; limit[10] = data; limit[11] = leaks
    sx = 0; for (i = 1; i <= n; i++) sx += x[i]; mx = sx / n
    sxx = 0; for (i = 1; i <= n; i++) sxx += (x[i] - mx) ^ 2
    bad = 0
    printf "%-14s %16s %10s  %s\n", "column", "slope/100 jobs", "limit", "verdict"
    for (c = 2; c <= 11; c++) {
      sy = 0; for (i = 1; i <= n; i++) sy += y[c, i]; my = sy / n
      sxy = 0; for (i = 1; i <= n; i++) sxy += (x[i] - mx) * (y[c, i] - my)
      slope = (sxx > 0 ? sxy / sxx : 0) * 100
      grows = (c == 8 ? -slope : slope)   # free slots: what counts is slots lost
      ok = grows <= limit[c]
      if (!ok) bad++
      printf "%-14s %16.2f %10s  %s\n", name[c - 1], slope, (c == 8 ? "-" : "") limit[c], ok ? "ok" : "TOO STEEP"
    }
    print "BAD " bad
  }' "$samples")"
echo
grep -v '^BAD ' <<<"$verdict"
bad="$(awk '/^BAD / { print $2 }' <<<"$verdict")"
awk -v n="$N" -v ns="$job_nanos" 'BEGIN { printf "\n%d jobs in %.1f s of job time: %.2f jobs/s (level %s)\n", n, ns / 1e9, n / (ns / 1e9), "'"$LEVEL"'" }'
leaks="$(curl -fsS "$api/metrics" 2>/dev/null | grep -i '^atoll_.*leak' || true)"
[[ -z "$leaks" ]] || { echo "the node's leak metrics:"; echo "$leaks"; }
if grep -q '^atoll_resource_leaks_total.* [1-9]' <<<"$leaks"; then
  echo "GET /leaks (first 40 lines):"
  curl -fsS "$api/leaks" | jq . | head -40 || true
fi
echo "unexpected job ends: $unexpected"

stop_node
if (( bad > 0 || unexpected > 0 )); then
  echo "soak: FAILED ($bad column(s) too steep, $unexpected unexpected job end(s)); logs kept in $WORK_DIR" >&2
  exit 1
fi
if [[ "$KEEP" != 1 && "$DIAG" != 1 ]]; then rm -rf "$WORK_DIR"; else echo "work dir kept: $WORK_DIR"; fi
echo "soak: passed"
