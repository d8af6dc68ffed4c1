#!/bin/sh
# Builds faas/offline-base:latest FROM scratch, without a registry: this host's node binary, the
# libraries `ldd` lists for it, and a static busybox with every applet linked (sh cat env sha512sum
# wget …). About 100 MB, built in seconds. It stands in for `node:20-bookworm-slim`/`debian` where
# no image can be pulled (no registry reachable: an air-gapped host, a CI machine without one);
# Dockerfiles keep a normal `ARG BASE=…` and offline builds pass
# `--build-arg BASE=faas/offline-base:latest`. It has no python3 (the python3 template says so
# when built on it).
#
# Usage: deploy/images/offline-base.sh [--force] [image]
# Idempotent: an existing image built from the same node binary and this script is kept.
set -eu

force=0
if [ "${1:-}" = "--force" ]; then force=1; shift; fi
image="${1:-faas/offline-base:latest}"

node_bin="$(readlink -f "$(command -v node)")"
busybox_bin="$(command -v busybox || true)"
if [ -z "$busybox_bin" ] || ! file -L "$busybox_bin" 2>/dev/null | grep -q 'statically linked'; then
  echo "offline-base: a static busybox is needed: apt-get install -y busybox-static" >&2
  exit 1
fi

# The image is current when it was built from this node binary and this script.
stamp="$(cat "$node_bin" "$busybox_bin" "$0" | sha256sum | cut -c1-16)"
if [ "$force" = 0 ] && [ "$(docker image inspect -f '{{ index .Config.Labels "faas.offline-base.stamp" }}' "$image" 2>/dev/null || true)" = "$stamp" ]; then
  echo "offline-base: $image is up to date ($stamp)"
  exit 0
fi

ctx="$(mktemp -d)"
trap 'rm -rf "$ctx"' EXIT
root="$ctx/rootfs"
mkdir -p "$root/usr/local/bin" "$root/bin" "$root/tmp" "$root/etc" "$root/home/app" "$root/root"
chmod 1777 "$root/tmp"

cp "$node_bin" "$root/usr/local/bin/node"
# Every shared library node needs, at the path the dynamic loader looks for it.
ldd "$node_bin" | awk '/=> \// { print $3 } /^[[:space:]]*\// { print $1 }' | while read -r lib; do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done

cp "$busybox_bin" "$root/bin/busybox"
for applet in $("$busybox_bin" --list); do
  [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done

printf 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
printf 'root:x:0:\napp:x:1000:\nnogroup:x:65534:\n' >"$root/etc/group"

cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM scratch
COPY rootfs/ /
ENV PATH=/usr/local/bin:/usr/bin:/bin
LABEL faas.offline-base.stamp="$stamp" faas.offline-base.node="$(node --version)"
CMD ["/bin/sh"]
DOCKERFILE

DOCKER_BUILDKIT=0 docker build -q -t "$image" "$ctx" >/dev/null
echo "offline-base: built $image (node $(node --version), stamp $stamp)"
