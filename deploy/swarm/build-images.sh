#!/bin/sh
# Builds every image the Swarm stack and the sample functions need, from this checkout:
#   faas/watchdog, faas/gateway, faas/provider-swarm, faas/fn-* (deploy/functions), and with
#   --offline also faas/offline-base, faas/prometheus:offline and faas/alertmanager:offline.
# Normal base images (node:20-bookworm-slim, debian:bookworm-slim, prom/*) by default; --offline
# builds everything FROM the scratch-built faas/offline-base (no registry needed).
# Needs Node 20 and `npm ci` done (esbuild bundles the TypeScript). Idempotent.
#
# Usage: deploy/swarm/build-images.sh [--offline]
set -eu
repo="$(cd "$(dirname "$0")/../.." && pwd)"
offline=0
if [ "${1:-}" = "--offline" ] || [ "${FAAS_OFFLINE:-0}" = "1" ]; then offline=1; fi
sha="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo dev)"

# A command, quiet; its output only when it fails.
quiet() {
  if ! out="$("$@" 2>&1)"; then
    echo "$out" >&2
    exit 1
  fi
}

# docker build, quiet; its output only when it fails.
build() {
  if ! out="$(DOCKER_BUILDKIT=0 docker build -q "$@" 2>&1)"; then
    echo "$out" >&2
    exit 1
  fi
}

base=""
if [ "$offline" = 1 ]; then
  sh "$repo/deploy/images/offline-base.sh"
  base="--build-arg BASE=faas/offline-base:latest"
fi

echo "images: watchdog (self-contained executable)"
quiet node "$repo/watchdog/build.mjs" --sea
# shellcheck disable=SC2086 # $base is empty or two words on purpose
build $base -t faas/watchdog:latest "$repo/watchdog"

echo "images: gateway"
quiet node "$repo/gateway/build.mjs"
# shellcheck disable=SC2086
build $base --build-arg "GIT_SHA=$sha" -t faas/gateway:latest "$repo/gateway"

echo "images: provider-swarm"
quiet node "$repo/provider-swarm/build.mjs"
# shellcheck disable=SC2086
build $base --build-arg "GIT_SHA=$sha" -t faas/provider-swarm:latest "$repo/provider-swarm"

echo "images: sample functions"
if [ "$offline" = 1 ]; then sh "$repo/deploy/functions/build.sh" --offline; else sh "$repo/deploy/functions/build.sh"; fi

if [ "$offline" = 1 ]; then
  for component in prometheus alertmanager; do
    binary=/usr/bin/$component
    [ "$component" = alertmanager ] && binary=/usr/bin/prometheus-alertmanager
    if [ ! -x "$binary" ]; then
      echo "images: $binary is missing: apt-get install -y prometheus prometheus-alertmanager" >&2
      exit 1
    fi
    ctx="$(mktemp -d)"
    cp "$repo/deploy/swarm/images/$component/Dockerfile" "$ctx/"
    cp "$binary" "$ctx/$component"
    mkdir -p "$ctx/templates"
    if [ "$component" = alertmanager ]; then cp /usr/share/prometheus/alertmanager/*.tmpl "$ctx/templates/"; fi
    echo "images: $component (offline, from $binary)"
    build -t "faas/$component:offline" "$ctx"
    rm -rf "$ctx"
  done
fi
echo "images: done"
