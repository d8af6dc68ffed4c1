#!/bin/sh
# The images the OpenFaaS certifier deploys by name, made offline from ours (on Swarm; the local
# provider runs each function's fprocess on the host instead):
#   functions/alpine:latest    faas/watchdog:latest: our watchdog on the offline base, whose busybox
#                              has the sha512sum, env and cat the certifier's functions run
#   theaxer/redirector:latest  faas/fn-redirect:latest answering 302 to $destination, as the
#                              certifier's redirector function does
# Needs the stack's images (deploy/swarm/build-images.sh, which up.sh runs). Idempotent.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
for image in faas/watchdog:latest faas/fn-redirect:latest; do
  if ! docker image inspect "$image" >/dev/null 2>&1; then
    echo "certifier-images: $image is missing; build it first (deploy/swarm/build-images.sh --offline)" >&2
    exit 1
  fi
done
docker tag faas/watchdog:latest functions/alpine:latest
if ! out="$(DOCKER_BUILDKIT=0 docker build -q -t theaxer/redirector:latest "$here/redirector" 2>&1)"; then
  echo "$out" >&2
  exit 1
fi
echo "certifier-images: functions/alpine:latest, theaxer/redirector:latest"
