#!/bin/sh
# Builds the sample functions as images faas/fn-<name>:latest, FROM the watchdog image
# (faas/watchdog:latest unless WATCHDOG_IMAGE says otherwise; deploy/swarm/up.sh builds it).
#
# Usage: deploy/functions/build.sh [--offline]
#   --offline  Node-based samples use faas/offline-base:latest instead of node:20-bookworm-slim
#              (no registry: see deploy/images/offline-base.sh).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
watchdog="${WATCHDOG_IMAGE:-faas/watchdog:latest}"
base_args=""
if [ "${1:-}" = "--offline" ]; then base_args="--build-arg BASE=faas/offline-base:latest"; fi

if ! docker image inspect "$watchdog" >/dev/null 2>&1; then
  echo "functions: $watchdog is missing; build it first (deploy/swarm/up.sh does)" >&2
  exit 1
fi
for fn in cat sha512sum env node-info webhook-stash redirect ws-echo; do
  # shellcheck disable=SC2086 # base_args is empty or two words on purpose
  if ! out="$(DOCKER_BUILDKIT=0 docker build -q --build-arg "WATCHDOG_IMAGE=$watchdog" $base_args \
    -t "faas/fn-$fn:latest" "$here/$fn" 2>&1)"; then
    echo "$out" >&2
    exit 1
  fi
  echo "functions: built faas/fn-$fn:latest"
done
