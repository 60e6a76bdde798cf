# Shared by the image scripts: where buildah and podman keep their images, and how they run here.
# Everything lives under one folder in /var/tmp (ROOST_IMAGES_WORK), which ci.sh removes at the end; the
# machine's own container storage and settings are never touched. The settings are exported, so the
# image tests' plain `podman` calls use the same storage.
work="${ROOST_IMAGES_WORK:-/var/tmp/roost-images}"
export ROOST_PORTAL_IMAGE="${ROOST_PORTAL_IMAGE:-localhost/roost:ci}"
export ROOST_RELAY_IMAGE="${ROOST_RELAY_IMAGE:-localhost/roost-relay:ci}"
base_image="localhost/roost-node-base:20"

mkdir -p "$work"
cat >"$work/storage.conf" <<CONF
[storage]
driver = "${ROOST_IMAGES_STORAGE_DRIVER:-overlay}"
graphroot = "$work/storage"
runroot = "$work/run"
CONF
# runc, not crun: crun refuses this machine's hybrid cgroup layout. No systemd or journald to talk to.
# Podman raises a container's file and process limits to the host's; this sandbox refuses that.
cat >"$work/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
export CONTAINERS_STORAGE_CONF="$work/storage.conf" CONTAINERS_CONF="$work/containers.conf"

# Size of an image in bytes, as podman counts it (the uncompressed layers).
image_bytes() { podman image inspect --format '{{.Size}}' "$1"; }
# Size of an image as a registry stores and a deployer pulls it: its layers, gzip-compressed.
compressed_bytes() { podman image save --quiet --format docker-archive "$1" | gzip -6 | wc -c; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }
