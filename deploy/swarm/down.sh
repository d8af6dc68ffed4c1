#!/bin/sh
# Removes the faas stack from Docker Swarm, and the functions it deployed.
#
# Usage: deploy/swarm/down.sh [--keep-functions] [--purge] [--stack NAME]
#   --keep-functions  leave function services (and so the functions network) in place
#   --purge           also remove function secrets, the basic-auth secrets, the network and
#                     the NATS volume <stack>_nats-data (queued calls and dead letters)
# Without --purge the queue volume is kept like the secrets: calls accepted with 202 and not yet
# run are still there when up.sh brings the stack back.
#   --stack NAME      the stack name (default faas; FAAS_STACK)
set -eu
keep=0
purge=0
stack="${FAAS_STACK:-faas}"
while [ $# -gt 0 ]; do
  case "$1" in
    --keep-functions) keep=1 ;;
    --purge) purge=1 ;;
    --stack) stack="$2"; shift ;;
    -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "down: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
say() { echo "down: $*"; }

if [ "$keep" = 0 ]; then
  functions="$(docker service ls -q --filter label=com.openfaas.function)"
  if [ -n "$functions" ]; then
    # shellcheck disable=SC2086 # one ID per word
    docker service rm $functions >/dev/null
    say "removed $(echo "$functions" | wc -w) function(s)"
  fi
fi
if docker stack ls --format '{{.Name}}' | grep -qx "$stack"; then
  docker stack rm "$stack" >/dev/null
  say "removed stack $stack"
fi

# Swarm removes tasks in the background; secrets and networks stay "in use" until it has.
wait_gone() {
  i=0
  while [ -n "$(docker ps -aq --filter "$1")" ] && [ $i -lt 90 ]; do sleep 1; i=$((i + 1)); done
}
# Retries a removal while Docker still calls the object in use; fails after a minute.
remove() {
  i=0
  until out="$("$@" 2>&1)"; do
    case "$out" in
      *"No such"* | *"no such"* | *"not found"*) return 0 ;;
    esac
    i=$((i + 1))
    if [ $i -ge 60 ]; then
      echo "down: $* failed: $out" >&2
      return 1
    fi
    sleep 1
  done
}
wait_gone "label=com.docker.stack.namespace=$stack"
if [ "$purge" = 1 ]; then
  wait_gone label=com.openfaas.function
  for secret in $(docker secret ls -q --filter label=openfaas=true) basic-auth-user basic-auth-password; do
    remove docker secret rm "$secret"
  done
  remove docker network rm functions
  # The volume stays "in use" until the nats container is gone (wait_gone above).
  remove docker volume rm "${stack}_nats-data"
  say "removed function secrets, basic-auth secrets, the functions network and the ${stack}_nats-data volume"
fi
say "done"
