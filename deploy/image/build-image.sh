#!/usr/bin/env bash
# Packs the worker rootfs (build-rootfs.sh) as
#   - a sparse ext4 disk image, made with `mkfs.ext4 -d` (no loop mount, no root needed), plus its
#     gzip and xz compressed copies for shipping, and
#   - an OCI image layout tarball (oci-layout, index.json, blobs/sha256: one manifest, one config,
#     one tar.gz layer), built with tar, gzip and sha256sum: no container daemon, no registry.
# and prints the sizes: ext4 apparent and allocated, compressed, OCI tarball.
#
#   ROOTFS=DIR      the rootfs (default: deploy/target/image/rootfs; built first when absent and
#                   JAVA_RUNTIME is set)
#   OUT=DIR         where the images go (default: deploy/target/image)
#   IMAGE_FREE_MB=N free space left in the ext4 file system for data and logs (default 64)
#   IMAGE_XZ=0      skip the xz-compressed ext4 (the shipped one; about a minute on 2 cores)
#   IMAGE_TAG=T     the OCI reference name (default: atoll-worker:latest)
#
# Usage: JAVA_RUNTIME=/tmp/jrt deploy/image/build-rootfs.sh && deploy/image/build-image.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
OUT="${OUT:-$repo/deploy/target/image}"
ROOTFS="${ROOTFS:-$OUT/rootfs}"
IMAGE_FREE_MB="${IMAGE_FREE_MB:-64}"
IMAGE_TAG="${IMAGE_TAG:-atoll-worker:latest}"
die() { echo "build-image: $*" >&2; exit 1; }

if [ ! -x "$ROOTFS/init" ]; then
  [ -n "${JAVA_RUNTIME:-}" ] || die "no rootfs at $ROOTFS: run deploy/image/build-rootfs.sh first (or set JAVA_RUNTIME)"
  ROOTFS="$ROOTFS" "$here/build-rootfs.sh"
fi
command -v mkfs.ext4 >/dev/null || die "mkfs.ext4 not found: apt-get install e2fsprogs"
mkdir -p "$OUT"

# --- ext4 ------------------------------------------------------------------------------------
ext4="$OUT/atoll-worker.ext4"
used_kb=$(du -sk --apparent-size "$ROOTFS" | cut -f1)
files=$(find "$ROOTFS" | wc -l)
size_mb=$(( used_kb * 11 / 10 / 1024 + files * 4 / 1024 + IMAGE_FREE_MB + 16 ))   # +10% and a block a file for metadata
rm -f "$ext4"
truncate -s "${size_mb}M" "$ext4"                    # sparse: only written blocks take disk space
# -d copies the tree in; root_owner so files are root's whatever uid builds; no reserved blocks.
mkfs.ext4 -q -F -L atoll-root -m 0 -E root_owner=0:0 -d "$ROOTFS" "$ext4" \
  || die "mkfs.ext4 -d failed (e2fsprogs >= 1.43 needed for -d)"
gzip -n -c "$ext4" > "$ext4.gz"
if [ "${IMAGE_XZ:-1}" = 1 ]; then xz -T0 -c "$ext4" > "$ext4.xz"; fi

# --- OCI image layout --------------------------------------------------------------------------
oci="$OUT/oci"
rm -rf "$oci"
mkdir -p "$oci/blobs/sha256"
blob() {  # blob FILE: moves FILE into blobs/sha256/<digest>, prints "<digest> <size>"
  local d s
  d=$(sha256sum "$1" | cut -d' ' -f1); s=$(stat -c %s "$1")
  mv "$1" "$oci/blobs/sha256/$d"
  echo "$d $s"
}
layer_tar="$OUT/layer.tar"
# Reproducible: sorted names, fixed time, numeric root ownership.
tar --sort=name --mtime=@0 --numeric-owner --owner=0 --group=0 -C "$ROOTFS" -cf "$layer_tar" .
diff_id=$(sha256sum "$layer_tar" | cut -d' ' -f1)
gzip -n -f "$layer_tar"
read -r layer_digest layer_size < <(blob "$layer_tar.gz")

version=$(sed -n 's/.*<version>\(.*\)<\/version>.*/\1/p' "$repo/pom.xml" | head -1)
cat > "$OUT/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Entrypoint":["/init","atoll.net=none"],"Env":["PATH=/bin:/sbin"],"WorkingDir":"/",
           "ExposedPorts":{"25530/tcp":{}},
           "Labels":{"org.opencontainers.image.title":"atoll-worker","org.opencontainers.image.version":"$version"}},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created_by":"deploy/image/build-rootfs.sh"}]}
JSON
read -r config_digest config_size < <(blob "$OUT/config.json")
cat > "$OUT/manifest.json" <<JSON
{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
 "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:$config_digest","size":$config_size},
 "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:$layer_digest","size":$layer_size}]}
JSON
read -r manifest_digest manifest_size < <(blob "$OUT/manifest.json")
cat > "$oci/index.json" <<JSON
{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json",
 "manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:$manifest_digest","size":$manifest_size,
   "annotations":{"org.opencontainers.image.ref.name":"$IMAGE_TAG"}}]}
JSON
echo '{"imageLayoutVersion":"1.0.0"}' > "$oci/oci-layout"
tar --sort=name --mtime=@0 --numeric-owner --owner=0 --group=0 -C "$oci" -cf "$OUT/atoll-worker-oci.tar" .

# --- sizes -------------------------------------------------------------------------------------
mb() { awk -v b="$1" 'BEGIN {printf "%.1f MB", b / 1000000}'; }
echo "image sizes:"
printf '  %-42s %s\n' "rootfs (apparent)" "$(mb $(( used_kb * 1024 )))"
printf '  %-42s %s\n' "$(basename "$ext4") apparent" "$(mb "$(stat -c %s "$ext4")")"
printf '  %-42s %s\n' "$(basename "$ext4") allocated (du)" "$(mb $(( $(du -k "$ext4" | cut -f1) * 1024 )))"
printf '  %-42s %s\n' "$(basename "$ext4").gz" "$(mb "$(stat -c %s "$ext4.gz")")"
[ -f "$ext4.xz" ] && [ "${IMAGE_XZ:-1}" = 1 ] && printf '  %-42s %s\n' "$(basename "$ext4").xz" "$(mb "$(stat -c %s "$ext4.xz")")"
printf '  %-42s %s\n' "atoll-worker-oci.tar" "$(mb "$(stat -c %s "$OUT/atoll-worker-oci.tar")")"
