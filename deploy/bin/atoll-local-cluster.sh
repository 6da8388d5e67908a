#!/usr/bin/env bash
# Starts, shows and stops a local Atoll cluster on 127.0.0.1: one master (or several on a shared
# JDBC journal) and N workers, each its own JVM running runtime.jar, each with its own data dir, log
# file and pid file under the state dir.
#
#   deploy/bin/atoll-local-cluster.sh start [WORKERS]   # default 2 workers
#   deploy/bin/atoll-local-cluster.sh status
#   deploy/bin/atoll-local-cluster.sh stop
#   deploy/bin/atoll-local-cluster.sh restart-master [N]   # start master N (default 1) again after it died
#   deploy/bin/atoll-local-cluster.sh restart-worker [N]   # start worker N (default 1) again after it died
#
# A node the cluster downs (it was in the minority) restarts inside its own process and rejoins
# (atoll.node.rejoin): only nodes that died (kill -9, a crash) need restart-master / restart-worker.
#
# Environment (all optional):
#   ATOLL_JAR          runtime.jar to run (default: runtime/target/runtime.jar, or lib/runtime.jar
#                      next to this script in the distribution tarball)
#   ATOLL_STATE_DIR    where logs, pids and data dirs go (default: ./.atoll-local)
#   ATOLL_BASE_PORT    first master's cluster port; master m uses BASE+m-1, then worker i uses
#                      BASE+MASTERS+i-1 (default: 25520; with one master, worker i is BASE+i)
#   ATOLL_HTTP_PORT    first master's REST port; master m serves on HTTP_PORT+m-1 (default: 8080)
#   ATOLL_SLOTS        slots per worker (default: 2)
#   ATOLL_HEAP         -Xmx per node (default: 256m)
#   ATOLL_JAVA_OPTS    extra JVM options for every node
#   ATOLL_CONFIG       a HOCON file of extra settings for every node (--config)
#   ATOLL_HTTP_AUTH_TOKEN  bearer token the masters' REST API requires (atoll.http.auth-token)
#   ATOLL_MASTERS      master nodes (default: 1); more than one needs the JDBC journal below
#   ATOLL_JDBC_URL     jdbc:postgresql://HOST:PORT/DATABASE: journal to this shared database instead of
#                      LevelDB in the master's data dir (required with ATOLL_MASTERS > 1)
#   ATOLL_JDBC_USER    its user; ATOLL_JDBC_PASSWORD its password (read by the nodes themselves,
#                      never written to a file)
#   ATOLL_TLS_DIR      cluster traffic over TLS (atoll.cluster.tls): a directory holding trust.p12 and
#                      a key store per node named after it (master.p12, worker-1.p12, ...) or one
#                      node.p12 for all; ATOLL_TLS_KEY_STORE_PASSWORD and ATOLL_TLS_TRUST_STORE_PASSWORD
#                      their passwords (read by the nodes themselves, never written to a file; set them
#                      again for restart-master / restart-worker)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="${ATOLL_STATE_DIR:-$PWD/.atoll-local}"
base_port="${ATOLL_BASE_PORT:-25520}"
http_port="${ATOLL_HTTP_PORT:-8080}"
slots="${ATOLL_SLOTS:-2}"
heap="${ATOLL_HEAP:-256m}"
# Saved at start, so status, restart-master and stop know the layout without the environment.
layout="$state/layout"
jdbc_conf="$state/jdbc.conf"

find_jar() {
  if [[ -n "${ATOLL_JAR:-}" ]]; then echo "$ATOLL_JAR"; return; fi
  for candidate in "$here/../lib/runtime.jar" "$here/../../runtime/target/runtime.jar" "$PWD/runtime/target/runtime.jar"; do
    if [[ -f "$candidate" ]]; then echo "$candidate"; return; fi
  done
  echo "atoll-local-cluster: runtime.jar not found; build it with 'mvn -B -DskipTests package' or set ATOLL_JAR" >&2
  exit 1
}

# GET on the REST API, with the bearer token when the nodes require one (ATOLL_HTTP_AUTH_TOKEN).
api() {
  if [[ -n "${ATOLL_HTTP_AUTH_TOKEN:-}" ]]; then
    curl -fsS -H "Authorization: Bearer $ATOLL_HTTP_AUTH_TOKEN" "$1"
  else
    curl -fsS "$1"
  fi
}

# A pid that answers kill -0 but is a zombie (killed, not yet reaped) counts as dead.
alive() {
  [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null \
    && ! grep -qs '^State:[[:space:]]*Z' "/proc/$(cat "$1")/status"
}

start_node() { # name, extra args...
  local name="$1"; shift
  local pidfile="$state/$name.pid" log="$state/$name.log"
  if alive "$pidfile"; then
    echo "$name already running (pid $(cat "$pidfile"))"; return
  fi
  mkdir -p "$state/$name-data"
  # a restarted node gets a fresh log; the previous incarnation's stays beside it, numbered
  if [[ -s "$log" ]]; then
    local n=1
    while [[ -e "$log.$n" ]]; do n=$((n + 1)); done
    mv "$log" "$log.$n"
  fi
  local node_args=(${config_args[@]+"${config_args[@]}"})
  # written at start when ATOLL_TLS_DIR is set; a restart finds it again
  if [[ -f "$state/$name-tls.conf" ]]; then node_args=(--config "$state/$name-tls.conf"); fi
  # shellcheck disable=SC2086
  nohup java "-Xmx$heap" ${ATOLL_JAVA_OPTS:-} -jar "$jar" --host 127.0.0.1 --data-dir "$state/$name-data" \
    ${node_args[@]+"${node_args[@]}"} "$@" \
    >"$log" 2>&1 </dev/null &
  echo $! >"$pidfile"
  echo "started $name (pid $!), log $log"
}

wait_for_workers() { # expected worker count, REST port
  local expected="$1" port="$2" deadline=$((SECONDS + 90)) body=""
  while (( SECONDS < deadline )); do
    body="$(api "http://127.0.0.1:$port/overview" 2>/dev/null || true)"
    if [[ "$body" == *"\"works\":\"$expected\""* ]]; then
      echo "cluster up (port $port): $body"; return 0
    fi
    sleep 1
  done
  echo "atoll-local-cluster: $expected worker(s) did not register within 90 s at port $port; last overview: ${body:-none}; see $state/*.log" >&2
  return 1
}

master_name() { if (( $1 == 1 )); then echo master; else echo "master-$1"; fi; }
master_http_port() { echo $((http_port + $1 - 1)); }

# Every node gets the same seed list: every master, then a worker. The first seed forms the cluster at
# the very first start; a restarted master first asks the other seeds and rejoins the running cluster
# instead of forming a second one, and a second master joins the first.
seed_list() { # masters, workers
  local list="" m
  for m in $(seq 1 "$1"); do list="$list${list:+,}127.0.0.1:$((base_port + m - 1))"; done
  if (( $2 > 0 )); then list="$list,127.0.0.1:$((base_port + $1))"; fi
  echo "$list"
}

# The nodes' config file: ATOLL_CONFIG's settings, then the JDBC journal's (URL and user; the password
# stays in ATOLL_JDBC_PASSWORD). Written at start; absent when neither is set.
write_node_conf() {
  rm -f "$jdbc_conf"
  if [[ -n "${ATOLL_CONFIG:-}" ]]; then
    [[ -f "$ATOLL_CONFIG" ]] || { echo "atoll-local-cluster: ATOLL_CONFIG $ATOLL_CONFIG is not a file" >&2; exit 2; }
    local path="${ATOLL_CONFIG//\\/\\\\}"
    printf 'include file("%s")\n' "${path//\"/\\\"}" >"$jdbc_conf"
  fi
  if [[ -n "${ATOLL_JDBC_URL:-}" ]]; then write_jdbc_conf; fi
}

write_jdbc_conf() {
  local url="${ATOLL_JDBC_URL//\\/\\\\}" user="${ATOLL_JDBC_USER:-}"
  url="${url//\"/\\\"}"; user="${user//\\/\\\\}"; user="${user//\"/\\\"}"
  printf 'atoll.persistence { journal = jdbc, jdbc { url = "%s", user = "%s" } }\n' "$url" "$user" >>"$jdbc_conf"
}

hocon_string() { local v="${1//\\/\\\\}"; echo "\"${v//\"/\\\"}\""; }

# Per node: the shared config (ATOLL_CONFIG, JDBC) plus atoll.cluster.tls with the node's key store
# from ATOLL_TLS_DIR (NAME.p12, else node.p12) and its trust.p12.
write_tls_confs() { # masters, workers
  local dir name keys m i
  dir="$(cd "$ATOLL_TLS_DIR" 2>/dev/null && pwd)" \
    || { echo "atoll-local-cluster: ATOLL_TLS_DIR $ATOLL_TLS_DIR is not a directory" >&2; exit 2; }
  [[ -f "$dir/trust.p12" ]] || { echo "atoll-local-cluster: ATOLL_TLS_DIR $dir has no trust.p12" >&2; exit 2; }
  for name in $(for m in $(seq 1 "$1"); do master_name "$m"; done; for i in $(seq 1 "$2"); do echo "worker-$i"; done); do
    keys="$dir/$name.p12"
    [[ -f "$keys" ]] || keys="$dir/node.p12"
    [[ -f "$keys" ]] || { echo "atoll-local-cluster: ATOLL_TLS_DIR $dir has neither $name.p12 nor node.p12" >&2; exit 2; }
    {
      if [[ -f "$jdbc_conf" ]]; then printf 'include file(%s)\n' "$(hocon_string "$jdbc_conf")"; fi
      printf 'atoll.cluster.tls { enabled = on, key-store = %s, trust-store = %s }\n' \
        "$(hocon_string "$keys")" "$(hocon_string "$dir/trust.p12")"
    } >"$state/$name-tls.conf"
  done
}

start_master() { # number, masters, workers
  start_node "$(master_name "$1")" --role master --port $((base_port + $1 - 1)) \
    --http-port "$(master_http_port "$1")" --seed-nodes "$(seed_list "$2" "$3")"
}

start_worker() { # number, masters, workers
  start_node "worker-$1" --role worker --port $((base_port + $2 + $1 - 1)) \
    --seed-nodes "$(seed_list "$2" "$3")" --slots "$slots"
}

cmd="${1:-}"
case "$cmd" in
  start)
    workers="${2:-2}"
    masters="${ATOLL_MASTERS:-1}"
    if ! [[ "$workers" =~ ^[0-9]+$ ]]; then echo "usage: $0 start [WORKERS]" >&2; exit 2; fi
    if ! [[ "$masters" =~ ^[1-9][0-9]*$ ]]; then echo "atoll-local-cluster: ATOLL_MASTERS must be 1 or more" >&2; exit 2; fi
    if (( masters > 1 )) && [[ -z "${ATOLL_JDBC_URL:-}" ]]; then
      echo "atoll-local-cluster: $masters masters need a shared journal: set ATOLL_JDBC_URL (jdbc:postgresql://HOST:PORT/DB)," \
        "ATOLL_JDBC_USER and ATOLL_JDBC_PASSWORD" >&2
      exit 2
    fi
    jar="$(find_jar)"
    mkdir -p "$state"
    write_node_conf
    rm -f "$state"/*-tls.conf
    if [[ -n "${ATOLL_TLS_DIR:-}" ]]; then write_tls_confs "$masters" "$workers"; fi
    echo "$masters $workers" >"$layout"
    config_args=()
    if [[ -f "$jdbc_conf" ]]; then config_args=(--config "$jdbc_conf"); fi
    for m in $(seq 1 "$masters"); do start_master "$m" "$masters" "$workers"; done
    for i in $(seq 1 "$workers"); do start_worker "$i" "$masters" "$workers"; done
    for m in $(seq 1 "$masters"); do wait_for_workers "$workers" "$(master_http_port "$m")"; done
    ;;
  restart-master)
    jar="$(find_jar)"
    which="${2:-1}"
    read -r masters workers <"$layout" 2>/dev/null || { masters=1; workers=1; }
    config_args=()
    if [[ -f "$jdbc_conf" ]]; then config_args=(--config "$jdbc_conf"); fi
    start_master "$which" "$masters" "$workers"
    ;;
  restart-worker)
    jar="$(find_jar)"
    which="${2:-1}"
    read -r masters workers <"$layout" 2>/dev/null || { masters=1; workers=1; }
    if ! [[ "$which" =~ ^[1-9][0-9]*$ ]] || (( which > workers )); then
      echo "atoll-local-cluster: restart-worker takes a worker number from 1 to $workers, got '$which'" >&2; exit 2
    fi
    config_args=()
    if [[ -f "$jdbc_conf" ]]; then config_args=(--config "$jdbc_conf"); fi
    start_worker "$which" "$masters" "$workers"
    ;;
  status)
    for pidfile in "$state"/*.pid; do
      [[ -e "$pidfile" ]] || { echo "no nodes started from $state"; exit 0; }
      name="$(basename "$pidfile" .pid)"
      if alive "$pidfile"; then echo "$name running (pid $(cat "$pidfile"))"; else echo "$name stopped"; fi
    done
    read -r masters _ <"$layout" 2>/dev/null || masters=1
    for m in $(seq 1 "$masters"); do
      port="$(master_http_port "$m")"
      api "http://127.0.0.1:$port/overview" 2>/dev/null && echo || echo "REST API on port $port not answering"
    done
    ;;
  stop)
    shopt -s nullglob
    pids=()
    for pidfile in "$state"/worker-*.pid "$state"/master-*.pid "$state"/master.pid; do
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
    echo "usage: $0 start [WORKERS] | status | stop | restart-master [N] | restart-worker [N]" >&2
    exit 2
    ;;
esac
