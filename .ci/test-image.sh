# Sourced by .ci/run: the tools deploy's image test needs (deploy/image/test-image.sh, run by
# `mvn verify` in deploy): a static busybox, mkfs.ext4, QEMU, a Debian kernel with its initrd, and
# skopeo to check the OCI tarball. Installs what is missing from Debian's packages; safe to run
# again. Needs root (CI runs as root). The guest boots on KVM when /dev/kvm answers, else emulated.
atoll_image_packages=""
[ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1 || atoll_image_packages+=" busybox-static"
command -v mkfs.ext4 >/dev/null || atoll_image_packages+=" e2fsprogs"
command -v qemu-system-x86_64 >/dev/null || atoll_image_packages+=" qemu-system-x86"
ls /boot/vmlinuz-* >/dev/null 2>&1 || atoll_image_packages+=" linux-image-amd64"
command -v skopeo >/dev/null || atoll_image_packages+=" skopeo"
command -v ss >/dev/null || atoll_image_packages+=" iproute2"
command -v curl >/dev/null || atoll_image_packages+=" curl"
command -v python3 >/dev/null || atoll_image_packages+=" python3"
command -v xz >/dev/null || atoll_image_packages+=" xz-utils"
if [ -n "$atoll_image_packages" ]; then
  echo "test-image: installing$atoll_image_packages from Debian's packages"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $atoll_image_packages
fi
unset atoll_image_packages
