#!/usr/bin/env bash
# Installs the real OpenFaaS clients the e2e suites drive, with Go's own tooling, from the Go module
# proxy, into one fixed cache: ${FAAS_TOOLS:-/var/cache/faas-tools} (go/mod, go/build, bin).
#   - faas-cli, one binary per line of e2e/openfaas/tools.txt (bin/faas-cli-<release>)
#   - the OpenFaaS certifier's test binary (bin/openfaas-certifier.test), `go test -c` of its
#     `tests` package from our wrapper module e2e/openfaas/, once go.mod there pins it.
# A binary already built from the same pinned version is kept, so a second run builds nothing.
# Any failed download or build fails the script (CI runs it before the suites).
#
# Usage: .ci/openfaas.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
tools="${FAAS_TOOLS:-/var/cache/faas-tools}"
bin="$tools/bin"
export GOMODCACHE="$tools/go/mod" GOCACHE="$tools/go/build" GOBIN="$bin"
# -mod=readonly: the modules' own go.sum decides (faas-cli keeps an empty vendor/ in its zip).
export GOFLAGS="-modcacherw -buildvcs=false -mod=readonly" GOTOOLCHAIN=local
mkdir -p "$bin"
log() { printf 'openfaas: %s\n' "$*"; }

# A binary is current when its stamp file names the version it was built from.
current() { [ -x "$bin/$1" ] && [ "$(cat "$bin/.$1.version" 2>/dev/null)" = "$2" ]; }
stamp() { printf '%s\n' "$2" >"$bin/.$1.version"; }

# faas-cli: `go install module@version` would also read the module's version list (for a
# deprecation notice), which the proxy refuses for faas-cli; so download the pinned version and
# build it from the module cache with its own go.sum, stamping the release as its Makefile does.
while read -r name version _; do
  case "$name" in '' | '#'*) continue ;; esac
  if current "$name" "$version"; then
    log "$name is installed ($version)"
    continue
  fi
  log "building $name from github.com/openfaas/faas-cli@$version"
  dir="$(go mod download -json "github.com/openfaas/faas-cli@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [ -n "$dir" ] || { log "download of github.com/openfaas/faas-cli@$version failed" >&2; exit 1; }
  release="${name#faas-cli-}"
  go -C "$dir" build -trimpath -o "$bin/$name" -ldflags "-s -w \
    -X github.com/openfaas/faas-cli/version.Version=$release \
    -X github.com/openfaas/faas-cli/version.GitCommit=${version##*-}" .
  stamp "$name" "$version"
  log "installed $bin/$name"
done <"$repo/e2e/openfaas/tools.txt"

# The certifier: its version is the one our wrapper module requires.
wrapper="$repo/e2e/openfaas"
certifier="$(go -C "$wrapper" list -m -f '{{.Version}}' github.com/openfaas/certifier 2>/dev/null || true)"
if [ -z "$certifier" ]; then
  log "the certifier is not pinned in e2e/openfaas/go.mod: not built (see e2e/README.md)"
elif current openfaas-certifier.test "$certifier"; then
  log "openfaas-certifier.test is installed ($certifier)"
else
  log "building openfaas-certifier.test from github.com/openfaas/certifier@$certifier"
  go -C "$wrapper" test -c -o "$bin/openfaas-certifier.test" github.com/openfaas/certifier/tests
  stamp openfaas-certifier.test "$certifier"
  log "installed $bin/openfaas-certifier.test"
fi
