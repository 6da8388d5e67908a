#!/usr/bin/env bash
# Test of the worker image: builds it (build-rootfs.sh, build-image.sh), then
#   0. the OCI tarball: skopeo (when installed) inspects it and copies it, checking every digest;
#   1. the quick check: the rootfs under `unshare --pid --mount --uts --fork` + `chroot` runs /init
#      with atoll.net=none; its worker must join a master on the host (127.0.0.1);
#   2. the boot: the ext4 image boots as a QEMU guest (boot-qemu.sh, 256 MB, serial console,
#      user-mode net with a port forward); its worker must join a master on the host that advertises
#      10.0.2.2 (the host as the guest sees it) and binds 127.0.0.1.
# A check is passed when the master's GET /overview counts the worker ("works":"1"). Prints the
# times from start to joined, the guest's memory and worker RSS (atoll.mem-report), and ends with
# "image: N passed, N failed, N skipped". A check whose tools are missing is skipped with the reason.
#
#   RUNTIME_JAR=FILE   default runtime/target/runtime.jar (mvn -o -q -pl runtime -am package -DskipTests)
#   JAVA_RUNTIME=DIR   a jlink'ed runtime; default: the distribution's (deploy/target/atoll/runtime)
#                      when built, else deploy/jlink/build-runtime.sh into deploy/target/image/jre
#   ACCEL=kvm|tcg      QEMU accelerator (default: kvm when /dev/kvm is usable, falling back to tcg
#                      when the KVM guest does not join in KVM_TIMEOUT; tcg alone when there is no
#                      /dev/kvm; tcg emulates: ~70 s to joined on 2 cores)
#   BOOT_TIMEOUT=S     seconds to wait for the guest's worker (default 120 with kvm, 400 with tcg)
#   KVM_TIMEOUT=S      with the default ACCEL, how long the KVM guest gets before tcg (default 45)
#   ATOLL_IMAGE_TEST=off  skip everything (mvn verify runs this script in deploy)
#   CI=true            a check skipped for a missing tool counts as failed (one the machine does
#                      not allow, such as unshare in an unprivileged container, is still skipped)
#   MASTER_PORT, WORKER_PORT, HTTP_PORT   default 25720, 25730, 8790 (must be free)
# Usage: deploy/image/test-image.sh      (as root for the chroot check)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$repo/deploy/target/image"
work="$out/test"
RUNTIME_JAR="${RUNTIME_JAR:-$repo/runtime/target/runtime.jar}"
MASTER_PORT="${MASTER_PORT:-25720}"; WORKER_PORT="${WORKER_PORT:-25730}"; HTTP_PORT="${HTTP_PORT:-8790}"
passed=0; failed=0; skipped=0
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN {printf "%.1f", b - a}'; }
pass() { echo "PASS: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
skip() {  # a tool is missing: with CI=true that fails (.ci/test-image.sh installs the tools)
  if [ "${CI:-}" = true ]; then fail "$* [CI=true: a skipped check fails; .ci/test-image.sh installs the tools]"; return; fi
  echo "SKIPPED: $*"; skipped=$((skipped + 1))
}
skip_here() { echo "SKIPPED: $*"; skipped=$((skipped + 1)); }  # the machine does not allow it: no tool would help
finish() { echo "image: $passed passed, $failed failed, $skipped skipped"; [ "$failed" = 0 ]; exit; }

if [ "${ATOLL_IMAGE_TEST:-on}" = off ]; then echo "SKIPPED: the image test (ATOLL_IMAGE_TEST=off)"; skipped=1; finish; fi
missing=""
for tool in jlink jdeps mkfs.ext4 python3 curl; do command -v $tool >/dev/null || missing+=" $tool"; done
[ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1 || missing+=" busybox-static"
[ -f "$RUNTIME_JAR" ] || missing+=" $RUNTIME_JAR"
if [ -n "$missing" ]; then skip "image build: missing$missing (apt-get install busybox-static e2fsprogs; build runtime.jar)"; finish; fi
for port in "$MASTER_PORT" "$WORKER_PORT" "$HTTP_PORT"; do
  if ss -ltn | awk '{print $4}' | grep -q ":$port\$"; then fail "port $port is in use (set MASTER_PORT/WORKER_PORT/HTTP_PORT)"; finish; fi
done
mkdir -p "$work"

# --- build -------------------------------------------------------------------------------------
start=$(now)
if [ -z "${JAVA_RUNTIME:-}" ] && [ -x "$repo/deploy/target/atoll/runtime/bin/java" ]; then
  JAVA_RUNTIME="$repo/deploy/target/atoll/runtime"
elif [ -z "${JAVA_RUNTIME:-}" ]; then
  JAVA_RUNTIME="$out/jre"
  if [ -x "$repo/deploy/jlink/build-runtime.sh" ]; then
    [ -x "$JAVA_RUNTIME/bin/java" ] || "$repo/deploy/jlink/build-runtime.sh" "$RUNTIME_JAR" "$JAVA_RUNTIME" >"$work/jlink.log" 2>&1
  elif [ ! -x "$JAVA_RUNTIME/bin/java" ]; then
    mods=$(jdeps --print-module-deps --ignore-missing-deps --multi-release 17 "$RUNTIME_JAR" 2>/dev/null)
    jlink --add-modules "$mods,jdk.crypto.ec,jdk.unsupported,java.naming,java.management,jdk.management,java.sql,jdk.zipfs" \
      --strip-debug --no-header-files --no-man-pages --compress=2 --output "$JAVA_RUNTIME" >"$work/jlink.log" 2>&1
  fi
fi
if JAVA_RUNTIME="$JAVA_RUNTIME" RUNTIME_JAR="$RUNTIME_JAR" "$here/build-rootfs.sh" >"$work/build.log" 2>&1 \
   && IMAGE_XZ="${IMAGE_XZ:-0}" "$here/build-image.sh" >>"$work/build.log" 2>&1; then
  pass "image built in $(since "$start") s"; sed -n '/image sizes/,$p' "$work/build.log"
else
  fail "image build (log: $work/build.log)"; tail -5 "$work/build.log"; finish
fi

# --- the OCI tarball is a valid image layout -----------------------------------------------------
if command -v skopeo >/dev/null; then
  # copy reads every blob and checks it against its digest
  rm -rf "$work/oci-copy"
  if skopeo inspect "oci-archive:$out/atoll-worker-oci.tar" >"$work/oci.log" 2>&1 \
     && skopeo copy "oci-archive:$out/atoll-worker-oci.tar" "dir:$work/oci-copy" >>"$work/oci.log" 2>&1; then
    pass "OCI tarball: skopeo inspects and copies it (digests verified)"
  else
    fail "OCI tarball: skopeo refuses it (log: $work/oci.log)"; tail -3 "$work/oci.log"
  fi
  rm -rf "$work/oci-copy"
else
  skip "OCI tarball check: skopeo not found (apt-get install skopeo)"
fi

# --- a master on the host ------------------------------------------------------------------------
start_master() {  # start_master CANONICAL_HOST LOG
  rm -rf "$work/master-data"
  printf 'akka.remote.artery.bind.hostname = "127.0.0.1"\nakka.remote.artery.bind.port = %s\natoll.http.host = "127.0.0.1"\n' \
    "$MASTER_PORT" > "$work/master.conf"
  java -Xmx256m -jar "$RUNTIME_JAR" --role master --host "$1" --port "$MASTER_PORT" --seed-nodes "$1:$MASTER_PORT" \
    --config "$work/master.conf" --data-dir "$work/master-data" --http-port "$HTTP_PORT" >"$2" 2>&1 &
  master=$!; pids+=("$master")
  for _ in $(seq 120); do curl -sf "localhost:$HTTP_PORT/overview" >/dev/null && return 0; sleep 0.5; done
  return 1
}
stop_master() { kill "$master" 2>/dev/null; wait "$master" 2>/dev/null; }
await_joined() {  # await_joined TIMEOUT PID: true once the master counts one worker
  local deadline=$(( $(date +%s) + $1 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    curl -sf "localhost:$HTTP_PORT/overview" | grep -q '"works":"1"' && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}

# --- the worker's java maps the image's AppCDS archive -------------------------------------------
# (init passes it as below, with CDS logging off; build-rootfs.sh trains it as root with unshare)
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && unshare --pid --mount --fork true 2>/dev/null; then
  if [ ! -f "$out/rootfs/opt/atoll/atoll.jsa" ]; then
    fail "AppCDS: the rootfs has no /opt/atoll/atoll.jsa (log: $work/build.log)"
  elif cds_log=$(unshare --mount --pid --fork chroot "$out/rootfs" /bin/sh -c 'mount -t proc proc /proc \
        && /opt/atoll/java/bin/java -XX:SharedArchiveFile=/opt/atoll/atoll.jsa -Xshare:auto \
           -Xlog:cds=info,cds+dynamic=info -jar /opt/atoll/runtime.jar --version' 2>&1) \
      && grep -q "Mapped dynamic region" <<< "$cds_log"; then
    pass "AppCDS: the worker's java maps /opt/atoll/atoll.jsa ($(du -h "$out/rootfs/opt/atoll/atoll.jsa" | cut -f1))"
  else
    fail "AppCDS: /opt/atoll/atoll.jsa is not mapped: $(grep -i -E 'cds|error' <<< "$cds_log" | tail -3)"
  fi
fi

# --- 1. chroot ---------------------------------------------------------------------------------
if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null; then
  skip "chroot check: needs root and unshare"
elif ! unshare --pid --mount --uts --fork true 2>/dev/null; then
  skip_here "chroot check: this machine does not allow new PID and mount namespaces (unshare: a container without CAP_SYS_ADMIN?)"
elif ! start_master 127.0.0.1 "$work/master-chroot.log"; then
  fail "chroot check: the master did not start (log: $work/master-chroot.log)"
else
  start=$(now)
  unshare --pid --mount --uts --fork chroot "$out/rootfs" /init atoll.net=none atoll.seed=127.0.0.1:$MASTER_PORT \
    atoll.host=127.0.0.1 atoll.port=$WORKER_PORT atoll.bind-host=127.0.0.1 >"$work/chroot.log" 2>&1 &
  chrooted=$!; pids+=("$chrooted")
  if await_joined 90 "$chrooted"; then
    pass "chroot check: worker joined $(since "$start") s after start"
    rss=$(for p in $(pgrep -f "runtime.jar --role worker --host 127.0.0.1 --port $WORKER_PORT"); do grep VmRSS /proc/$p/status; done)
    echo "  chrooted worker: ${rss:-rss unknown}"
  else
    fail "chroot check: worker did not join in 90 s (log: $work/chroot.log)"; tail -5 "$work/chroot.log"
  fi
  # unshare ignores SIGTERM while it waits: stop the worker (its child, PID 1 of the namespace) instead.
  for p in $(pgrep -P "$chrooted"); do kill "$p" 2>/dev/null; done
  wait "$chrooted" 2>/dev/null
  stop_master
fi

# --- 2. QEMU -------------------------------------------------------------------------------------
boot() {  # boot ACCEL TIMEOUT: true once the guest's worker joined; prints its times and memory
  local accel="$1" timeout="$2" start qemu
  start=$(now)
  ACCEL=$accel IMAGE="$out/atoll-worker.ext4" PORT=$WORKER_PORT SEED=10.0.2.2:$MASTER_PORT \
    "$here/boot-qemu.sh" atoll.mem-report=5 >"$work/qemu-$accel.log" 2>&1 </dev/null &
  qemu=$!; pids+=("$qemu")
  if await_joined "$timeout" "$qemu"; then
    pass "QEMU boot ($accel): worker in the guest joined $(since "$start") s after qemu started"
    grep -m1 "atoll-init: up" "$work/qemu-$accel.log" | sed 's/; exec.*//; s/^/  /'
    for _ in $(seq 40); do grep -q "atoll-init: mem:" "$work/qemu-$accel.log" && break; sleep 0.5; done
    grep "atoll-init: mem:" "$work/qemu-$accel.log" | tail -1 | sed 's/^/  /'
    kill "$qemu" 2>/dev/null; wait "$qemu" 2>/dev/null
    return 0
  fi
  kill "$qemu" 2>/dev/null; wait "$qemu" 2>/dev/null
  return 1
}
kernel=$(ls -1 /boot/vmlinuz-* 2>/dev/null | sort -V | tail -1)
if ! command -v qemu-system-x86_64 >/dev/null; then
  skip "QEMU boot: qemu-system-x86_64 not found (apt-get install qemu-system-x86)"
elif [ -z "$kernel" ]; then
  skip "QEMU boot: no /boot/vmlinuz-* (apt-get install linux-image-amd64)"
elif ! start_master 10.0.2.2 "$work/master-qemu.log"; then
  fail "QEMU boot: the master did not start (log: $work/master-qemu.log)"
else
  case "${ACCEL:-}" in
    kvm|tcg)
      timeout="${BOOT_TIMEOUT:-$([ "$ACCEL" = kvm ] && echo 120 || echo 400)}"
      boot "$ACCEL" "$timeout" \
        || { fail "QEMU boot ($ACCEL): worker did not join in $timeout s (serial log: $work/qemu-$ACCEL.log)"
             tail -5 "$work/qemu-$ACCEL.log"; } ;;
    *)
      if [ -w /dev/kvm ] && boot kvm "${KVM_TIMEOUT:-45}"; then
        :
      else
        [ -w /dev/kvm ] && echo "  the KVM guest did not join in ${KVM_TIMEOUT:-45} s (a nested KVM can hang after" \
          "'Probing EDD': $work/qemu-kvm.log); booting it emulated (tcg)"
        [ -w /dev/kvm ] || echo "  no usable /dev/kvm: booting the guest emulated (tcg)"
        boot tcg "${BOOT_TIMEOUT:-400}" \
          || { fail "QEMU boot (tcg): worker did not join in ${BOOT_TIMEOUT:-400} s (serial log: $work/qemu-tcg.log)"
               tail -5 "$work/qemu-tcg.log"; }
      fi ;;
  esac
  stop_master
fi
finish
