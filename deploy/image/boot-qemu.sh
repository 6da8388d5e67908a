#!/usr/bin/env bash
# Boots the worker image (build-image.sh) as a real guest: QEMU on KVM, 256 MB, serial console,
# QEMU's user-mode network. The worker's Akka port is forwarded from the host (hostfwd), and the
# guest reaches a master on the host at 10.0.2.2 (user-mode net maps it to the host's 127.0.0.1).
#
# Akka addressing (see deploy/image/README.md): the worker advertises the *canonical* address
# 127.0.0.1:PORT, the host side of the forward, which is what the master dials; it *binds*
# 0.0.0.0:PORT inside the guest. The master on the host advertises 10.0.2.2:MPORT (what the guest
# dials) and binds 127.0.0.1:MPORT.
#
#   IMAGE=FILE     the ext4 image (default: deploy/target/image/atoll-worker.ext4); booted with
#                  -snapshot, so the file is not changed and several guests can share it
#   KERNEL=FILE    default: the newest /boot/vmlinuz-* (Debian's linux-image-amd64)
#   INITRD=FILE    default: the matching /boot/initrd.img-* (loads virtio_blk, ext4, virtio_net;
#                  Debian's kernel has them as modules). INITRD=none boots without one.
#   PORT=P         the worker's port, forwarded host 127.0.0.1:P -> guest 10.0.2.15:P (default 25530)
#   SEED=H:P,...   the seed nodes as the guest sees them (default 10.0.2.2:25520)
#   MEM=MB         guest memory (default 256)
#   ACCEL=kvm|tcg  default kvm (needs /dev/kvm)
#   CPU=MODEL      QEMU -cpu (default qemu64,+sse4.2,+popcnt; "host" fails under nested KVM: MSR 0x10a)
#   Further arguments are added to the kernel command line, e.g. atoll.slots=4 atoll.tags=zone=a
#
# Usage: deploy/image/boot-qemu.sh [atoll.KEY=VALUE ...]     (stop: Ctrl-A X, or kill the qemu process)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
IMAGE="${IMAGE:-$repo/deploy/target/image/atoll-worker.ext4}"
KERNEL="${KERNEL:-$(ls -1 /boot/vmlinuz-* 2>/dev/null | sort -V | tail -1)}"
PORT="${PORT:-25530}"
SEED="${SEED:-10.0.2.2:25520}"
MEM="${MEM:-256}"
ACCEL="${ACCEL:-kvm}"
die() { echo "boot-qemu: $*" >&2; exit 1; }
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 not found: apt-get install qemu-system-x86"
[ -n "$KERNEL" ] && [ -f "$KERNEL" ] || die "no kernel: apt-get install linux-image-amd64, or set KERNEL"
[ -f "$IMAGE" ] || die "no image $IMAGE: run deploy/image/build-image.sh"
if [ -z "${INITRD:-}" ]; then INITRD="/boot/initrd.img-${KERNEL##*/vmlinuz-}"; fi
initrd=(); [ "$INITRD" = none ] || { [ -f "$INITRD" ] || die "no initrd $INITRD"; initrd=(-initrd "$INITRD"); }
accel=(-enable-kvm -cpu "${CPU:-qemu64,+sse4.2,+popcnt}")
[ "$ACCEL" = kvm ] || accel=(-accel tcg)

cmdline="root=/dev/vda rootfstype=ext4 rw init=/init console=ttyS0 net.ifnames=0 panic=1 quiet loglevel=3"
cmdline+=" atoll.host=127.0.0.1 atoll.port=$PORT atoll.seed=$SEED $*"
exec qemu-system-x86_64 "${accel[@]}" -m "$MEM" -smp 1 -no-reboot -nodefaults \
  -display none -serial stdio -monitor none \
  -kernel "$KERNEL" "${initrd[@]}" -append "$cmdline" \
  -drive "file=$IMAGE,format=raw,if=virtio,snapshot=on" \
  -netdev "user,id=net0,hostfwd=tcp:127.0.0.1:$PORT-10.0.2.15:$PORT" -device virtio-net-pci,netdev=net0
