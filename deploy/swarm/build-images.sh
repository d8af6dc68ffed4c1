#!/bin/sh
# Builds every image the Swarm stack and the sample functions need, from this checkout:
#   faas/watchdog, faas/gateway, faas/provider-swarm, faas/queue-worker, faas/fn-*
#   (deploy/functions), and with --offline also faas/offline-base, faas/prometheus:offline,
#   faas/alertmanager:offline and faas/nats:offline.
# Normal base images (node:20-bookworm-slim, debian:bookworm-slim) by default, and the stack then
# pulls prom/prometheus, prom/alertmanager and nats:2.10-alpine itself; --offline builds
# everything FROM the scratch-built faas/offline-base (no registry needed), Prometheus,
# AlertManager and NATS from this host's Debian binaries (prometheus, prometheus-alertmanager,
# nats-server).
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
quiet node "$repo/watchdog/build.mjs" --executable
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

echo "images: queue-worker"
quiet node "$repo/queue-worker/build.mjs"
# shellcheck disable=SC2086
build $base --build-arg "GIT_SHA=$sha" -t faas/queue-worker:latest "$repo/queue-worker"

echo "images: sample functions"
if [ "$offline" = 1 ]; then sh "$repo/deploy/functions/build.sh" --offline; else sh "$repo/deploy/functions/build.sh"; fi

if [ "$offline" = 1 ]; then
  for component in prometheus alertmanager nats; do
    case "$component" in
      prometheus) binary=/usr/bin/prometheus ;;
      alertmanager) binary=/usr/bin/prometheus-alertmanager ;;
      nats) binary="$(command -v nats-server || echo /usr/sbin/nats-server)" ;;
    esac
    if [ ! -x "$binary" ]; then
      echo "images: $binary is missing: apt-get install -y prometheus prometheus-alertmanager nats-server" >&2
      exit 1
    fi
    binary_name="$component"
    [ "$component" = nats ] && binary_name=nats-server
    ctx="$(mktemp -d)"
    cp "$repo/deploy/swarm/images/$component/Dockerfile" "$ctx/"
    cp "$binary" "$ctx/$binary_name"
    mkdir -p "$ctx/templates"
    if [ "$component" = alertmanager ]; then cp /usr/share/prometheus/alertmanager/*.tmpl "$ctx/templates/"; fi
    echo "images: $component (offline, from $binary)"
    build -t "faas/$component:offline" "$ctx"
    rm -rf "$ctx"
  done
fi
echo "images: done"
