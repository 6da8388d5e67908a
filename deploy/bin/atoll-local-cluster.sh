#!/usr/bin/env bash
# Starts, shows and stops a local Atoll cluster on 127.0.0.1: one master and N workers, each its own
# JVM running runtime.jar, each with its own data dir, log file and pid file under the state dir.
#
#   deploy/bin/atoll-local-cluster.sh start [WORKERS]   # default 2 workers
#   deploy/bin/atoll-local-cluster.sh status
#   deploy/bin/atoll-local-cluster.sh stop
#   deploy/bin/atoll-local-cluster.sh restart-master   # start the master again after it died
#
# Environment (all optional):
#   ATOLL_JAR          runtime.jar to run (default: runtime/target/runtime.jar, or lib/runtime.jar
#                      next to this script in the distribution tarball)
#   ATOLL_STATE_DIR    where logs, pids and data dirs go (default: ./.atoll-local)
#   ATOLL_BASE_PORT    master's cluster port; worker i uses BASE+i (default: 25520)
#   ATOLL_HTTP_PORT    master's REST port (default: 8080)
#   ATOLL_SLOTS        slots per worker (default: 2)
#   ATOLL_HEAP         -Xmx per node (default: 256m)
#   ATOLL_JAVA_OPTS    extra JVM options for every node
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="${ATOLL_STATE_DIR:-$PWD/.atoll-local}"
base_port="${ATOLL_BASE_PORT:-25520}"
http_port="${ATOLL_HTTP_PORT:-8080}"
slots="${ATOLL_SLOTS:-2}"
heap="${ATOLL_HEAP:-256m}"

find_jar() {
  if [[ -n "${ATOLL_JAR:-}" ]]; then echo "$ATOLL_JAR"; return; fi
  for candidate in "$here/../lib/runtime.jar" "$here/../../runtime/target/runtime.jar" "$PWD/runtime/target/runtime.jar"; do
    if [[ -f "$candidate" ]]; then echo "$candidate"; return; fi
  done
  echo "atoll-local-cluster: runtime.jar not found; build it with 'mvn -B -DskipTests package' or set ATOLL_JAR" >&2
  exit 1
}

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_node() { # name, extra args...
  local name="$1"; shift
  local pidfile="$state/$name.pid" log="$state/$name.log"
  if alive "$pidfile"; then
    echo "$name already running (pid $(cat "$pidfile"))"; return
  fi
  mkdir -p "$state/$name-data"
  # shellcheck disable=SC2086
  nohup java "-Xmx$heap" ${ATOLL_JAVA_OPTS:-} -jar "$jar" --host 127.0.0.1 --data-dir "$state/$name-data" "$@" \
    >"$log" 2>&1 </dev/null &
  echo $! >"$pidfile"
  echo "started $name (pid $!), log $log"
}

wait_for_workers() { # expected worker count
  local expected="$1" deadline=$((SECONDS + 90)) body=""
  while (( SECONDS < deadline )); do
    body="$(curl -fsS "http://127.0.0.1:$http_port/overview" 2>/dev/null || true)"
    if [[ "$body" == *"\"works\":\"$expected\""* ]]; then
      echo "cluster up: $body"; return 0
    fi
    sleep 1
  done
  echo "atoll-local-cluster: $expected worker(s) did not register within 90 s; last overview: ${body:-none}; see $state/*.log" >&2
  return 1
}

cmd="${1:-}"
case "$cmd" in
  start)
    workers="${2:-2}"
    if ! [[ "$workers" =~ ^[0-9]+$ ]]; then echo "usage: $0 start [WORKERS]" >&2; exit 2; fi
    jar="$(find_jar)"
    mkdir -p "$state"
    # Every node gets the same seed list: the master first, then a worker. The first seed forms the
    # cluster at the very first start; when the master restarts later it first asks the other seeds
    # and rejoins the running cluster instead of forming a second one.
    seeds="127.0.0.1:$base_port"
    if (( workers > 0 )); then seeds="$seeds,127.0.0.1:$((base_port + 1))"; fi
    start_node master --role master --port "$base_port" --http-port "$http_port" --seed-nodes "$seeds"
    for i in $(seq 1 "$workers"); do
      start_node "worker-$i" --role worker --port $((base_port + i)) --seed-nodes "$seeds" --slots "$slots"
    done
    wait_for_workers "$workers"
    ;;
  restart-master)
    jar="$(find_jar)"
    seeds="127.0.0.1:$base_port,127.0.0.1:$((base_port + 1))"
    start_node master --role master --port "$base_port" --http-port "$http_port" --seed-nodes "$seeds"
    ;;
  status)
    for pidfile in "$state"/*.pid; do
      [[ -e "$pidfile" ]] || { echo "no nodes started from $state"; exit 0; }
      name="$(basename "$pidfile" .pid)"
      if alive "$pidfile"; then echo "$name running (pid $(cat "$pidfile"))"; else echo "$name stopped"; fi
    done
    curl -fsS "http://127.0.0.1:$http_port/overview" 2>/dev/null && echo || echo "REST API on port $http_port not answering"
    ;;
  stop)
    shopt -s nullglob
    pids=()
    for pidfile in "$state"/worker-*.pid "$state"/master.pid; do
      if alive "$pidfile"; then pids+=("$(cat "$pidfile")"); kill "$(cat "$pidfile")"; echo "stopping $(basename "$pidfile" .pid)"; fi
    done
    deadline=$((SECONDS + 30))
    for pid in "${pids[@]}"; do
      while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.2; done
      if kill -0 "$pid" 2>/dev/null; then echo "pid $pid did not stop in 30 s; killing it"; kill -9 "$pid"; fi
    done
    rm -f "$state"/*.pid
    echo "stopped"
    ;;
  *)
    echo "usage: $0 start [WORKERS] | status | stop | restart-master" >&2
    exit 2
    ;;
esac
