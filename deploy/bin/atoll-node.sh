#!/usr/bin/env bash
# Starts, stops and shows one Atoll node of this machine, as SeaTunnel's seatunnel-cluster.sh does
# for its engine: in the foreground, or as a daemon with a pid file and a log file.
#
#   bin/atoll-node.sh -r master|worker|hybrid [-d] [-- NODE_FLAGS...]   # start (-d: as a daemon)
#   bin/atoll-node.sh stop -r ROLE                                       # SIGTERM, wait, then SIGKILL
#   bin/atoll-node.sh status -r ROLE
#
#   e.g. ATOLL_HTTP_AUTH_TOKEN=... bin/atoll-node.sh -d -r master -- --host 10.0.0.5 --http-port 8080
#        (a master's REST API on a non-loopback address needs a credential, or it refuses to start:
#        atoll.http.auth-token / basic-auth, or atoll.http.allow-anonymous = true; see README)
#        bin/atoll-node.sh -d -r worker -- --host 10.0.0.6 --seed-nodes 10.0.0.5:25520 --slots 4
#
# Runs bin/atoll (so the bundled runtime, CDS archive, ATOLL_HEAP and JAVA_OPTS apply) with
# --role ROLE and --data-dir $ATOLL_DATA_DIR/ROLE unless NODE_FLAGS carry their own --data-dir.
# One node per role and machine by default; set ATOLL_NODE_NAME to run more (it names the files).
#
# Environment (all optional):
#   ATOLL_DATA_DIR   parent of the nodes' data dirs (default: $ATOLL_HOME/data)
#   ATOLL_LOG_DIR    where a daemon's stdout goes, NAME.out, and where conf/logback.xml writes NAME.log
#                    and the per-job files job-<jobId>.log (default: $ATOLL_HOME/logs)
#   ATOLL_PID_DIR    where a daemon's pid file goes, NAME.pid (default: $ATOLL_HOME/run)
#   ATOLL_NODE_NAME  the node's name for those files (default: atoll-ROLE)
#   ATOLL_STOP_TIMEOUT  seconds stop waits for a graceful leave before SIGKILL (default: 30)
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
ATOLL_HOME="$(cd "$here/.." && pwd)"

usage() {
  sed -n '5,7p' "${BASH_SOURCE[0]}" | sed 's/^#  //' >&2
  exit 2
}

action=start
case "${1:-}" in start|stop|status) action="$1"; shift ;; esac
daemon=false
role=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -d|--daemon) daemon=true; shift ;;
    -r|--role) role="${2:-}"; shift 2 || usage ;;
    --) shift; break ;;
    -h|--help) usage ;;
    *) break ;;
  esac
done
case "$role" in master|worker|hybrid) ;; *) echo "atoll-node: -r master|worker|hybrid is required" >&2; usage ;; esac

name="${ATOLL_NODE_NAME:-atoll-$role}"
log_dir="${ATOLL_LOG_DIR:-$ATOLL_HOME/logs}"
pid_dir="${ATOLL_PID_DIR:-$ATOLL_HOME/run}"
pid_file="$pid_dir/$name.pid"
log_file="$log_dir/$name.out"
# conf/logback.xml names the node's rolling file after it: a master and a worker of one machine do not share one
export ATOLL_NODE_NAME="$name" ATOLL_LOG_DIR="$log_dir"

running_pid() {
  local pid
  [[ -f "$pid_file" ]] || return 1
  pid="$(cat "$pid_file")"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; return 0; fi
  return 1
}

case "$action" in
  status)
    if pid="$(running_pid)"; then echo "$name running (pid $pid, log $log_file)"; exit 0; fi
    echo "$name not running"; exit 3 ;;
  stop)
    if ! pid="$(running_pid)"; then echo "$name not running"; rm -f "$pid_file"; exit 0; fi
    kill -TERM "$pid"
    timeout="${ATOLL_STOP_TIMEOUT:-30}"
    for (( i = 0; i < timeout * 10; i++ )); do
      kill -0 "$pid" 2>/dev/null || { rm -f "$pid_file"; echo "$name stopped"; exit 0; }
      sleep 0.1
    done
    echo "$name did not leave within ${timeout}s: SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$pid_file"
    exit 0 ;;
esac

flags=(--role "$role")
has_data_dir=false
for arg in "$@"; do [[ "$arg" == --data-dir || "$arg" == --data-dir=* ]] && has_data_dir=true; done
if ! $has_data_dir; then
  data_dir="${ATOLL_DATA_DIR:-$ATOLL_HOME/data}/$role"
  mkdir -p "$data_dir"
  flags+=(--data-dir "$data_dir")
fi

if ! $daemon; then
  exec "$here/atoll" "${flags[@]}" "$@"
fi
if pid="$(running_pid)"; then
  echo "atoll-node: $name already runs (pid $pid); stop it first: $0 stop -r $role" >&2
  exit 1
fi
mkdir -p "$log_dir" "$pid_dir"
nohup "$here/atoll" "${flags[@]}" "$@" >> "$log_file" 2>&1 < /dev/null &
echo $! > "$pid_file"
echo "$name started (pid $!, log $log_file)"
