#!/usr/bin/env bash
# Builds the root file system of Atoll's minimal worker image, the classic way: a jlink'ed Java
# runtime, runtime.jar, exactly the shared libraries `ldd` finds for the binaries copied, a static
# busybox for the init script, and the few directories a Linux guest needs.
#
#   JAVA_RUNTIME=DIR  a jlink'ed Java runtime (bin/java, lib/...); required. Build one with
#                     deploy/jlink/build-runtime.sh or plain jlink (see deploy/image/README.md).
#   RUNTIME_JAR=FILE  the node's jar (default: runtime/target/runtime.jar of this repository)
#   ROOTFS=DIR        where to build (default: deploy/target/image/rootfs); emptied first
#   BUSYBOX=FILE      a statically linked busybox (default: /bin/busybox from Debian's busybox-static)
#   RUNTIME_JAR_STORED=0  copy runtime.jar as it is instead of storing its entries uncompressed
#   IMAGE_RELINK=0    copy JAVA_RUNTIME as it is instead of linking its modules again uncompressed
#   IMAGE_CDS=0       no AppCDS archive (otherwise built inside the rootfs when run as root with unshare)
#
# Usage: JAVA_RUNTIME=/tmp/jrt deploy/image/build-rootfs.sh
# Needs no root: the device nodes come from devtmpfs at boot, ownership is set by mkfs.ext4 -d
# (build-image.sh) to the builder's uid; nothing in the guest needs another user.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
: "${JAVA_RUNTIME:?set JAVA_RUNTIME to a jlinked Java runtime directory (see deploy/image/README.md)}"
RUNTIME_JAR="${RUNTIME_JAR:-$repo/runtime/target/runtime.jar}"
ROOTFS="${ROOTFS:-$repo/deploy/target/image/rootfs}"
BUSYBOX="${BUSYBOX:-/bin/busybox}"

die() { echo "build-rootfs: $*" >&2; exit 1; }
[ -x "$JAVA_RUNTIME/bin/java" ] || die "no $JAVA_RUNTIME/bin/java: JAVA_RUNTIME must be a Java runtime directory"
[ -f "$RUNTIME_JAR" ] || die "no $RUNTIME_JAR: build it with 'mvn -o -q -pl runtime -am package -DskipTests' or set RUNTIME_JAR"
[ -x "$BUSYBOX" ] || die "no $BUSYBOX: apt-get install busybox-static, or set BUSYBOX"
if ldd "$BUSYBOX" >/dev/null 2>&1; then die "$BUSYBOX is dynamically linked: use Debian's busybox-static"; fi

rm -rf "$ROOTFS"
mkdir -p "$ROOTFS"/{bin,sbin,proc,sys,dev,etc/atoll,tmp,var/log,var/lib/atoll,opt/atoll,root,run}
chmod 1777 "$ROOTFS/tmp"

# The program the guest exists for. The distribution's runtime keeps its modules zip-compressed
# (--compress=2), which xz cannot compress again; linked again with the same modules uncompressed it
# is 102 MB instead of 64 MB on disk but 23 MB instead of 34 MB in the xz image, which makes room for
# the AppCDS archive below, and the JVM inflates no classes as it starts. Needs the jlink of the JDK
# that built JAVA_RUNTIME (the same release); otherwise, or with IMAGE_RELINK=0, it is copied.
runtime_release="$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$JAVA_RUNTIME/release" 2>/dev/null || true)"
if [ "${IMAGE_RELINK:-1}" = 1 ] && command -v jlink >/dev/null && [ -n "$runtime_release" ] \
    && [ "$(jlink --version 2>/dev/null)" = "$runtime_release" ]; then
  modules="$("$JAVA_RUNTIME/bin/java" --list-modules | sed 's/@.*//' | paste -sd, -)"
  jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=0 \
    --generate-cds-archive --output "$ROOTFS/opt/atoll/java" >/dev/null \
    || die "jlink could not link $modules again (set IMAGE_RELINK=0 to copy $JAVA_RUNTIME instead)"
else
  [ "${IMAGE_RELINK:-1}" = 1 ] && echo "build-rootfs: no jlink of Java $runtime_release here: copying $JAVA_RUNTIME as it is"
  cp -a "$JAVA_RUNTIME" "$ROOTFS/opt/atoll/java"
fi
# java.desktop is in the runtime for java.beans, which libraries use; its X11, sound, font and
# splash-screen natives are loaded only by a GUI, never by a headless worker, and they alone pull
# in 14 MB of libraries (libX11, libasound, libharfbuzz, libglib, ...). Left out unless
# KEEP_DESKTOP_NATIVES=1.
if [ "${KEEP_DESKTOP_NATIVES:-0}" != 1 ]; then
  for lib in libawt_xawt.so libjawt.so libsplashscreen.so libjsound.so libfontmanager.so; do
    rm -f "$ROOTFS/opt/atoll/java/lib/$lib"
  done
fi
# runtime.jar is stored (entries not deflated) unless RUNTIME_JAR_STORED=0: the JVM reads it the same,
# and the compressed image shrinks, as xz/gzip then compress across all the classes at once (the
# deflated 52.7 MB jar xz-compresses to 52 MB; stored, 128 MB, to 22 MB). The ext4 image grows by 75 MB.
if [ "${RUNTIME_JAR_STORED:-1}" = 1 ]; then
  command -v python3 >/dev/null || die "python3 is needed to store runtime.jar uncompressed (or set RUNTIME_JAR_STORED=0)"
  python3 - "$RUNTIME_JAR" "$ROOTFS/opt/atoll/runtime.jar" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_STORED) as out:
    for entry in src.infolist():  # same order (the manifest stays first), names, times and bytes
        out.writestr(entry, src.read(entry), compress_type=zipfile.ZIP_STORED)
PY
else
  cp "$RUNTIME_JAR" "$ROOTFS/opt/atoll/runtime.jar"
fi

# busybox: the shell and the few tools init uses, as links (sh, mount, ip, udhcpc, ...).
cp "$BUSYBOX" "$ROOTFS/bin/busybox"
for tool in sh ash mount umount mkdir cat ip udhcpc hostname ln ls ps free top sleep poweroff reboot \
            halt grep sed tr cut ifconfig route ping dmesg uname env; do
  ln -sf busybox "$ROOTFS/bin/$tool"
done

# Exactly the shared libraries ldd finds for the copied binaries, at the paths ldd gives (so the
# dynamic loader finds them without an ld.so.cache).
copy_lib() {
  local lib="$1"
  [ -e "$ROOTFS$lib" ] && return 0
  mkdir -p "$ROOTFS$(dirname "$lib")"
  cp -L "$lib" "$ROOTFS$lib"
}
libs_of() {  # prints the absolute library paths ldd resolves for one ELF file
  LD_LIBRARY_PATH="$JAVA_RUNTIME/lib:$JAVA_RUNTIME/lib/server" ldd "$1" 2>/dev/null \
    | awk '/=> \// {print $3} /^[[:space:]]*\/[^ ]+ \(/ {print $1}'
}
missing=0
while IFS= read -r elf; do
  while IFS= read -r lib; do
    case "$lib" in "$JAVA_RUNTIME"/*|"$ROOTFS"/*) continue ;; esac   # the runtime's own libraries are already there
    copy_lib "$lib"
  done < <(libs_of "$elf")
  if LD_LIBRARY_PATH="$JAVA_RUNTIME/lib:$JAVA_RUNTIME/lib/server" ldd "$elf" 2>/dev/null | grep -q "not found"; then
    echo "build-rootfs: $elf needs a library ldd cannot find:" >&2
    ldd "$elf" | grep "not found" >&2
    missing=1
  fi
done < <(find "$ROOTFS/opt/atoll/java/bin" "$ROOTFS/opt/atoll/java/lib" -type f \( -name '*.so' -o -perm -u+x \) \
           -exec sh -c 'head -c4 "$1" | grep -q ELF' _ {} \; -print)
[ "$missing" = 0 ] || die "missing shared libraries (above)"
# glibc loads its name-service modules with dlopen, which ldd cannot see: the JVM resolves the
# local host name through them, so the 'files' module comes too (hosts from /etc/hosts only).
libc_dir="$(dirname "$(libs_of "$JAVA_RUNTIME/bin/java" | grep '/libc\.so' | head -1)")"
for nss in "$libc_dir"/libnss_files.so.2; do [ -e "$nss" ] && copy_lib "$nss"; done

# /etc: just enough for glibc and the JVM.
cat > "$ROOTFS/etc/passwd" <<'P'
root:x:0:0:root:/root:/bin/sh
P
echo 'root:x:0:' > "$ROOTFS/etc/group"
echo 'hosts: files' > "$ROOTFS/etc/nsswitch.conf"
printf '127.0.0.1\tlocalhost atoll-worker\n' > "$ROOTFS/etc/hosts"
echo 'atoll-worker' > "$ROOTFS/etc/hostname"
cp "$here/worker.conf" "$ROOTFS/etc/atoll/worker.conf"
install -m 0755 "$here/init" "$ROOTFS/init"
install -m 0755 "$here/udhcpc.script" "$ROOTFS/etc/atoll/udhcpc.script"

# Fail here, not in the guest, if the runtime cannot start from the copied files alone.
# (The launcher finds libjli.so through $ORIGIN, which glibc reads from /proc/self/exe: hence proc.)
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && unshare --mount --pid --fork true 2>/dev/null; then
  unshare --mount --pid --fork chroot "$ROOTFS" /bin/sh -c 'mount -t proc proc /proc && /opt/atoll/java/bin/java -version' \
    >/dev/null 2>&1 || die "the Java runtime does not start inside $ROOTFS (unshare + chroot ... java -version)"
  # The AppCDS archive init starts the worker with, trained by a short job inside the rootfs, as the
  # archive names the jar by the path the guest runs it from (about 9 MB of the xz image).
  if [ "${IMAGE_CDS:-1}" = 1 ]; then
    CDS_ROOT="$ROOTFS" "$repo/deploy/jlink/build-cds.sh" /opt/atoll/java /opt/atoll/runtime.jar /opt/atoll/atoll.jsa \
      || die "could not build the AppCDS archive inside $ROOTFS (set IMAGE_CDS=0 to build the image without)"
  fi
elif [ "${IMAGE_CDS:-1}" = 1 ]; then
  echo "build-rootfs: no AppCDS archive (it is trained inside the rootfs, which needs root and unshare)"
fi
echo "rootfs: $ROOTFS ($(du -sh --apparent-size "$ROOTFS" | cut -f1) apparent)"
