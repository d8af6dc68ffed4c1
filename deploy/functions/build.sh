#!/bin/sh
# Builds the sample functions as images faas/fn-<name>:latest. The process samples (cat,
# sha512sum, env) are FROM the watchdog image (faas/watchdog:latest unless WATCHDOG_IMAGE says
# otherwise; deploy/swarm/up.sh builds it). The Node samples are FROM a Node base and run the
# watchdog's bundle on its node: their build context gets watchdog/dist/fwatchdog.js and
# fwatchdog-spawn (`npm run build -w @faas/watchdog`).
#
# Usage: [TAG=latest] deploy/functions/build.sh [--offline]
#   --offline  Node-based samples use faas/offline-base:latest instead of node:20-bookworm-slim
#              (no registry: see deploy/images/offline-base.sh).
#   TAG        the images' tag (tests build their own, leaving :latest alone).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
watchdog="${WATCHDOG_IMAGE:-faas/watchdog:latest}"
dist="$repo/watchdog/dist"
tag="${TAG:-latest}"
base_args=""
if [ "${1:-}" = "--offline" ]; then base_args="--build-arg BASE=faas/offline-base:latest"; fi

if ! docker image inspect "$watchdog" >/dev/null 2>&1; then
  echo "functions: $watchdog is missing; build it first (deploy/swarm/up.sh does)" >&2
  exit 1
fi
for file in fwatchdog.js fwatchdog-spawn; do
  if [ ! -f "$dist/$file" ]; then
    echo "functions: $dist/$file is missing; build it first: npm run build -w @faas/watchdog" >&2
    exit 1
  fi
done

# docker build, quiet; its output only when it fails.
build() {
  if ! out="$(DOCKER_BUILDKIT=0 docker build -q "$@" 2>&1)"; then
    echo "$out" >&2
    exit 1
  fi
}

for fn in cat sha512sum env; do
  build --build-arg "WATCHDOG_IMAGE=$watchdog" -t "faas/fn-$fn:$tag" "$here/$fn"
  echo "functions: built faas/fn-$fn:$tag"
done
ctx="$(mktemp -d)"
trap 'rm -rf "$ctx"' EXIT
for fn in node-info webhook-stash redirect ws-echo; do
  rm -rf "$ctx/$fn"
  cp -R "$here/$fn" "$ctx/$fn"
  cp "$dist/fwatchdog.js" "$dist/fwatchdog-spawn" "$ctx/$fn/"
  # shellcheck disable=SC2086 # base_args is empty or two words on purpose
  build $base_args -t "faas/fn-$fn:$tag" "$ctx/$fn"
  echo "functions: built faas/fn-$fn:$tag"
done
