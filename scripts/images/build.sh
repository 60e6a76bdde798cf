#!/usr/bin/env bash
# Builds the portal and relay images from the Dockerfile with buildah, on the Debian + Node base that
# base.sh makes (the Dockerfile's default base, node:20-bookworm-slim, needs a registry this machine cannot
# reach), and prints their sizes. Run from anywhere; the images land in ci.sh's storage under /var/tmp.
#
#   bash scripts/images/build.sh            base (unless present), relay, portal
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/images/common.sh

podman image exists "$base_image" || bash scripts/images/base.sh

# docker format: OCI has no HEALTHCHECK. --layers: the relay and portal targets share the deps and build stages, built once.
build() {
  buildah build --quiet --layers --format docker --isolation chroot --network host \
    --build-arg NODE_IMAGE="$base_image" --target "$1" --tag "$2" . >"$work/build-$1.log" 2>&1 ||
    { tail -40 "$work/build-$1.log" >&2; echo "build.sh: the $1 target failed (log: $work/build-$1.log)" >&2; exit 1; }
}
started=$(date +%s)
build relay "$ROOST_RELAY_IMAGE"
build portal "$ROOST_PORTAL_IMAGE"
echo "Built in $(($(date +%s) - started))s"

base_bytes=$(image_bytes "$base_image")
base_packed=$(compressed_bytes "$base_image")
for image in "$ROOST_PORTAL_IMAGE" "$ROOST_RELAY_IMAGE"; do
  bytes=$(image_bytes "$image")
  packed=$(compressed_bytes "$image")
  echo "$image: $(mb "$bytes") ($(mb $((bytes - base_bytes))) above the $(mb "$base_bytes") base);" \
    "compressed $(mb "$packed") ($(mb $((packed - base_packed))) above the base's $(mb "$base_packed"))"
done
