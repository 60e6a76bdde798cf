#!/usr/bin/env bash
# CI's image step (.ci/run calls it; it also runs alone): builds the portal and relay images on a Debian +
# Node base (base.sh, build.sh), checks docker-compose.yml and the Kubernetes manifests, then runs the
# images as a deployer would (tests/images/): the demo with no configuration, and production against
# PostgreSQL, an OpenID provider and the relay image, on read-only root filesystems. It leaves nothing
# behind: containers, images and their storage under /var/tmp go at the end, pass or fail.
#
#   bash scripts/images/ci.sh                    ROOST_IMAGES_KEEP=1 keeps the images for another run
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$(date +%s)
step() { echo; echo "--> images: $1  (+$(($(date +%s) - started))s)"; }

step "System packages: debootstrap, buildah, podman, runc; Chromium and PostgreSQL for the tests"
missing=()
for tool in debootstrap buildah podman runc chromium; do
  PATH="$PATH:/usr/sbin" command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi
export PATH="$PATH:/usr/sbin"
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
[ -d node_modules ] || npm ci --no-audit --no-fund 2>/dev/null || npm install --no-audit --no-fund

source scripts/images/common.sh
clean_up() {
  [ "${ROOST_IMAGES_KEEP:-}" = 1 ] && return
  podman rm --all --force --time 2 >/dev/null 2>&1 || true
  buildah rm --all >/dev/null 2>&1 || true
  podman volume prune --force >/dev/null 2>&1 || true
  podman rmi --all --force >/dev/null 2>&1 || true
  grep -o " $work/[^ ]*" /proc/mounts | sort -r | xargs -r umount -l 2>/dev/null || true
  rm -rf "$work"
}
trap clean_up EXIT

step "Compose and Kubernetes files against their schemas"
npx tsx scripts/check-deploy.ts

step "Base image (debootstrap + this machine's Node) and the Dockerfile's targets (buildah)"
bash scripts/images/build.sh

step "The images, run (tests/images/)"
npx vitest run --config vitest.images.config.mts

step "Done in $(($(date +%s) - started))s"
