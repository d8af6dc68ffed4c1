#!/usr/bin/env bash
# The Kubernetes e2e cluster for CI (e2e/kubernetes/cluster.sh): the packages it runs on, the
# build (cached in ${FAAS_TOOLS:-/var/cache/faas-tools}/kubernetes, ~20-30 min cold on 2 cores,
# nothing on a second run), then `up`. The suites find the cluster with `cluster.sh env`.
# .ci/run calls `bash .ci/kubernetes.sh up` before the tests and `bash .ci/kubernetes.sh down` on
# exit. Any failure here fails CI.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-up}" in
  up)
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      containerd runc containernetworking-plugins iptables conntrack openssl curl iproute2 util-linux \
      procps >/dev/null
    bash e2e/kubernetes/cluster.sh up
    ;;
  down) bash e2e/kubernetes/cluster.sh down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
