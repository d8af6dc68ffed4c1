#!/bin/sh
# Removes the faas stack from Docker Swarm, and the functions it deployed.
#
# Usage: deploy/swarm/down.sh [--keep-functions] [--purge] [--stack NAME]
#   --keep-functions  leave function services (and so the functions network) in place
#   --purge           also remove function secrets, the basic-auth secrets and the network
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
    -h | --help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
  while [ -n "$(docker ps -q --filter "$1")" ] && [ $i -lt 60 ]; do sleep 1; i=$((i + 1)); done
}
wait_gone "label=com.docker.stack.namespace=$stack"
if [ "$purge" = 1 ]; then
  wait_gone label=com.openfaas.function
  secrets="$(docker secret ls -q --filter label=openfaas=true)"
  # shellcheck disable=SC2086
  [ -z "$secrets" ] || docker secret rm $secrets >/dev/null
  docker secret rm basic-auth-user basic-auth-password >/dev/null 2>&1 || true
  docker network rm functions >/dev/null 2>&1 || true
  say "removed function secrets, basic-auth secrets and the functions network"
fi
say "done"
