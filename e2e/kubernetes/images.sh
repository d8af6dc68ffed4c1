#!/usr/bin/env bash
# Puts every image deploy/kubernetes/ and the e2e suites run into the e2e cluster's containerd,
# without a registry: ours built with Docker FROM the offline base (deploy/swarm/build-images.sh
# --offline, plus the Kubernetes provider), and the ones the manifests name from Docker Hub
# (Prometheus, AlertManager, NATS) built from this host's Debian binaries by the same script,
# tagged with the names the manifests use. Then `docker save | ctr import`, as on a k3s node.
#
# Usage: e2e/kubernetes/images.sh [--no-build]   (--no-build: import what Docker already has)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
eval "$(bash "$repo/e2e/kubernetes/cluster.sh" env)"
[[ -S $FAAS_K8S_CONTAINERD ]] || { echo "images: the e2e cluster is not up (e2e/kubernetes/cluster.sh up)" >&2; exit 1; }

if [[ ${1:-} != --no-build ]]; then
  sh "$repo/deploy/swarm/build-images.sh" --offline
  echo "images: provider-kubernetes"
  node "$repo/provider-kubernetes/build.mjs" >/dev/null
  DOCKER_BUILDKIT=0 docker build -q --build-arg BASE=faas/offline-base:latest \
    --build-arg "GIT_SHA=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo dev)" \
    -t faas/provider-kubernetes:latest "$repo/provider-kubernetes" >/dev/null
fi

# The registry names the manifests use, on the offline builds.
manifest_image() { grep -hoE "image: *$1:[^ ]+" "$repo"/deploy/kubernetes/*.yaml | head -1 | sed 's/image: *//'; }
prometheus=$(manifest_image prom/prometheus)
alertmanager=$(manifest_image prom/alertmanager)
nats=$(manifest_image nats)
docker tag faas/prometheus:offline "$prometheus"
docker tag faas/alertmanager:offline "$alertmanager"
docker tag faas/nats:offline "$nats"

functions=$(docker images --filter 'reference=faas/fn-*' --format '{{.Repository}}:{{.Tag}}')
# shellcheck disable=SC2086 # one image name a word
docker save faas/gateway:latest faas/provider-kubernetes:latest faas/queue-worker:latest \
  faas/watchdog:latest $functions "$prometheus" "$alertmanager" "$nats" |
  ctr -a "$FAAS_K8S_CONTAINERD" -n k8s.io images import - >/dev/null
echo "images: imported into the cluster: gateway provider-kubernetes queue-worker watchdog $(echo $functions | tr '\n' ' ')$prometheus $alertmanager $nats"
