#!/usr/bin/env bash
# Makes $base_image: Debian bookworm (debootstrap, minimal) with the Node.js this machine runs, standing in
# for node:20-bookworm-slim where no registry of base images can be reached. Like the official image it
# has Node and npm in /usr/local and a `node` user with uid 1000.
set -euo pipefail
source "$(dirname "$0")/common.sh"

# The Debian mirror this machine's apt already uses.
mirror=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{ print $2 }' | grep -v security | head -1)
[ -n "$mirror" ] || mirror=$(grep -hs '^deb ' /etc/apt/sources.list | awk '{ print $2 }' | head -1)
[ -n "$mirror" ] || { echo "base.sh: no Debian mirror found in /etc/apt" >&2; exit 1; }

rootfs="$work/rootfs"
rm -rf "$rootfs"
mkdir -p "$work"
debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log" >&2; exit 1; }

# What debian:bookworm-slim leaves out: package lists and caches, manuals, translations.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/cache/debconf/*-old \
  "$rootfs"/var/log/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/*
find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete

node_bin=$(readlink -f "$(command -v node)")
npm_dir="$(npm root -g)/npm"
install -D -m 0755 "$node_bin" "$rootfs/usr/local/bin/node"
mkdir -p "$rootfs/usr/local/lib/node_modules"
cp -a "$npm_dir" "$rootfs/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
chroot "$rootfs" groupadd --gid 1000 node
chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node

changes=(--change 'CMD ["node"]')
# Node here trusts what this machine's Node trusts (npm ci in the build reaches the registry through it).
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ]; then
  install -D -m 0644 "$NODE_EXTRA_CA_CERTS" "$rootfs/usr/local/share/roost-ci/extra-ca.pem"
  changes+=(--change 'ENV NODE_EXTRA_CA_CERTS=/usr/local/share/roost-ci/extra-ca.pem')
fi

podman rmi --force "$base_image" >/dev/null 2>&1 || true
tar -C "$rootfs" --numeric-owner -c . | podman import "${changes[@]}" - "$base_image" >/dev/null
rm -rf "$rootfs"
echo "Base image $base_image: Debian bookworm (minbase) + Node $(node --version), $(mb "$(image_bytes "$base_image")")"
