#!/bin/sh
# Deploys faas on Docker Swarm: builds the images, creates the `functions` network and the
# basic-auth secrets, deploys the stack, waits until the gateway answers, and prints the URL and
# how to read the password. Run from a clone after `npm ci`, on a swarm manager.
#
# Usage: deploy/swarm/up.sh [--offline] [--no-build] [--port N] [--stack NAME]
#   --offline    build every image FROM the scratch-built faas/offline-base (no registry), NATS,
#                Prometheus and AlertManager from this host's Debian binaries; FAAS_OFFLINE=1
#   --no-build   use the images already built (faas/gateway, faas/queue-worker, …)
#   --port N     publish the gateway on port N of the manager (default 8080; FAAS_PORT)
#   --stack NAME the stack name (default faas; FAAS_STACK)
# The password: FAAS_PASSWORD if set, else generated on first deploy. User: admin.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
offline="${FAAS_OFFLINE:-0}"
build=1
port="${FAAS_PORT:-8080}"
stack="${FAAS_STACK:-faas}"
timeout="${FAAS_UP_TIMEOUT:-180}"
while [ $# -gt 0 ]; do
  case "$1" in
    --offline) offline=1 ;;
    --no-build) build=0 ;;
    --port) port="$2"; shift ;;
    --stack) stack="$2"; shift ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "up: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

say() { echo "up: $*"; }
die() { echo "up: $*" >&2; exit 1; }

docker info >/dev/null 2>&1 || die "Docker is not reachable: start dockerd (or check DOCKER_HOST)"
state="$(docker info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}')"
case "$state" in
  "active true") ;;
  active*) die "this node is in a swarm but not a manager: run up.sh on a manager" ;;
  *) die "this node is not in a swarm: run  docker swarm init --advertise-addr <this host's IP>" ;;
esac

if [ "$build" = 1 ]; then
  if [ "$offline" = 1 ]; then sh "$here/build-images.sh" --offline; else sh "$here/build-images.sh"; fi
fi
if [ "$offline" = 1 ]; then
  export FAAS_PROMETHEUS_IMAGE="${FAAS_PROMETHEUS_IMAGE:-faas/prometheus:offline}"
  export FAAS_ALERTMANAGER_IMAGE="${FAAS_ALERTMANAGER_IMAGE:-faas/alertmanager:offline}"
  export FAAS_NATS_IMAGE="${FAAS_NATS_IMAGE:-faas/nats:offline}"
fi

# Swarm configs are immutable: name each after its content (docker-compose.yml, `configs:`).
rev() { sha256sum "$1" | cut -c1-12; }
export FAAS_STACK="$stack"
FAAS_PROMETHEUS_YML_REV="$(rev "$here/prometheus/prometheus.yml")"
FAAS_ALERT_RULES_REV="$(rev "$here/../monitoring/alert.rules.yml")"
FAAS_ALERTMANAGER_YML_REV="$(rev "$here/../monitoring/alertmanager.yml")"
export FAAS_PROMETHEUS_YML_REV FAAS_ALERT_RULES_REV FAAS_ALERTMANAGER_YML_REV

if ! docker network inspect functions >/dev/null 2>&1; then
  docker network create --driver overlay --attachable --label openfaas=true functions >/dev/null
  say "created the functions network (overlay, attachable, openfaas=true)"
fi

if docker secret inspect basic-auth-password >/dev/null 2>&1; then
  if [ -n "${FAAS_PASSWORD:-}" ]; then
    say "FAAS_PASSWORD is ignored: the basic-auth secrets exist (down.sh --purge removes them)"
  else
    say "keeping the existing basic-auth secrets (down.sh --purge removes them)"
  fi
else
  password="${FAAS_PASSWORD:-}"
  generated=0
  if [ -z "$password" ]; then
    password="$(head -c 24 /dev/urandom | base64 | tr -d '/+=\n' | cut -c1-24)"
    generated=1
  fi
  docker secret rm basic-auth-user >/dev/null 2>&1 || true
  printf 'admin' | docker secret create basic-auth-user - >/dev/null
  printf '%s' "$password" | docker secret create basic-auth-password - >/dev/null
  if [ "$generated" = 1 ]; then say "created the basic-auth secrets with a generated password"; else say "created the basic-auth secrets"; fi
fi

export FAAS_PORT="$port"
say "deploying stack $stack"
if ! out="$(docker stack deploy --resolve-image never --prune -c "$here/docker-compose.yml" "$stack" 2>&1)"; then
  echo "$out" >&2
  die "docker stack deploy failed"
fi

say "waiting for the gateway on http://127.0.0.1:$port/healthz"
start=$(date +%s)
until [ "$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz" 2>/dev/null)" = 200 ]; do
  if [ $(($(date +%s) - start)) -ge "$timeout" ]; then
    docker stack ps "$stack" --no-trunc >&2 || true
    die "the gateway did not answer within ${timeout}s (see docker service logs ${stack}_gateway)"
  fi
  sleep 1
done

# The rest (NATS, the queue worker, Prometheus, AlertManager): every replica running and, where
# the image has a health check, healthy. Async calls need NATS and the worker.
say "waiting for every service of the stack to run its replicas"
until [ -z "$(docker service ls --filter "label=com.docker.stack.namespace=$stack" --format '{{.Replicas}}' | awk -F'[/ ]' '$1 != $2')" ]; do
  if [ $(($(date +%s) - start)) -ge "$timeout" ]; then
    docker stack ps "$stack" --no-trunc >&2 || true
    die "not every service of $stack was running within ${timeout}s (see docker stack ps $stack)"
  fi
  sleep 1
done

say "ready in $(($(date +%s) - start))s"
cat <<INFO

  Gateway:   http://127.0.0.1:$port   (UI: http://127.0.0.1:$port/ui/)
  User:      admin
  Password:  docker exec \$(docker ps -q -f label=com.docker.swarm.service.name=${stack}_gateway | head -1) cat /run/secrets/basic-auth-password

  faas-cli login --gateway http://127.0.0.1:$port -u admin --password "\$PASSWORD"
  Async:     curl -i http://127.0.0.1:$port/async-function/<name> -H 'X-Callback-Url: http://…' -d …
  Stop:      deploy/swarm/down.sh            (keeps the secrets and the queue volume; --purge removes them)
INFO
