#!/usr/bin/env bash
# A real single-node Kubernetes for the e2e suites, built from Kubernetes' own
# Go modules (build/go.mod) and run as plain processes on this host.
#
#   cluster.sh build   build the binaries (cached; a second run builds nothing)
#   cluster.sh up      build, then start etcd, the control plane, containerd,
#                      kubelet, kube-proxy and CoreDNS; wait until the node is Ready
#   cluster.sh down    stop everything `up` started and clean up after it
#   cluster.sh env     print the exports a shell needs (KUBECONFIG, PATH)
#
# Everything built lives in ${FAAS_TOOLS:-/var/cache/faas-tools}/kubernetes;
# everything running lives in ${K8S_RUN:-/var/run/faas-k8s} (logs in its log/).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
K8S_VERSION=v1.36.3
tools=${FAAS_TOOLS:-/var/cache/faas-tools}/kubernetes
bin=$tools/bin
run=${K8S_RUN:-/var/run/faas-k8s}

log() { printf '[k8s] %s\n' "$*" >&2; }
die() { printf '[k8s] FAILED: %s\n' "$*" >&2; exit 1; }

# Go (1.26 or later) from PATH, or where the Go distribution installs itself.
command -v go >/dev/null || PATH=/usr/local/go/bin:$PATH

go_env() {
  export GOMODCACHE=$tools/gomod GOCACHE=$tools/gocache GOTOOLCHAIN=local GOFLAGS=-mod=readonly CGO_ENABLED=0
}

# The binaries, the build inputs they came from, and a stamp of both: when
# the stamp matches, nothing is built (not even a relink).
build_stamp() {
  { cat "$here/build/go.mod" "$here/build/go.sum" "$here/build/pause/main.go" "$here/build/coredns/go.mod" \
      "$here/build/coredns/go.sum" "$here/build/coredns/main.go"; declare -f build_binaries; go version; } | sha256sum | cut -d' ' -f1
}

build_binaries() {
  go_env
  mkdir -p "$bin"
  local pkg=k8s.io/component-base/version
  local ldflags="-s -w -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=36 -X $pkg.gitTreeState=clean"
  ldflags+=" -X k8s.io/client-go/pkg/version.gitVersion=$K8S_VERSION -X k8s.io/client-go/pkg/version.gitMajor=1 -X k8s.io/client-go/pkg/version.gitMinor=36"
  (cd "$here/build" && nice go mod download &&
    nice go build -trimpath -ldflags "$ldflags" -o "$bin/" \
      k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
      k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubelet \
      k8s.io/kubernetes/cmd/kube-proxy k8s.io/kubernetes/cmd/kubectl &&
    nice go build -trimpath -ldflags "-s -w" -o "$bin/etcd" go.etcd.io/etcd/server/v3 &&
    nice go build -trimpath -ldflags "-s -w" -o "$bin/pause" ./pause)
  (cd "$here/build/coredns" && nice go build -trimpath -ldflags "-s -w" -o "$bin/coredns" .)
}

cmd_build() {
  command -v go >/dev/null || die "go is missing: Go 1.26 or later builds the cluster"
  local stamp; stamp=$(build_stamp)
  if [[ -f $bin/.stamp && $(cat "$bin/.stamp") == "$stamp" ]]; then
    log "binaries up to date in $bin"
    return
  fi
  log "building Kubernetes $K8S_VERSION, etcd, CoreDNS into $bin (cold: ~20-30 min on 2 cores)"
  local t0=$SECONDS
  build_binaries || die "build (see the go output above)"
  echo "$stamp" > "$bin/.stamp"
  log "built in $((SECONDS - t0)) s"
}

# ---------------------------------------------------------------------------------------------
# The running cluster. Addresses: services 10.96.0.0/16 (the API at 10.96.0.1, DNS at
# 10.96.0.10), pods 10.244.0.0/24 on the bridge faask8s0. The node is this host, named after it,
# at the address of the interface the default route uses (pods reach the API server there).

state=${K8S_STATE:-/var/lib/faas-k8s}
pki=$state/pki
logs=$state/log
pids=$state/pids
sock=$state/containerd/containerd.sock
service_cidr=10.96.0.0/16
dns_ip=10.96.0.10
pod_cidr=10.244.0.0/24
bridge=faask8s0
node=$(hostname | tr '[:upper:]' '[:lower:]')
kubeconfig=$state/admin.kubeconfig
# kubelet rewrites these host sysctls (its "kernel tunables"), kube-proxy may set route_localnet;
# `down` puts them back.
tunables="vm/overcommit_memory vm/panic_on_oom kernel/panic kernel/panic_on_oops net/ipv4/conf/all/route_localnet"

node_ip() {
  local dev
  dev=$(ip -4 route show default | awk '{print $5; exit}')
  if [[ -n $dev ]]; then ip -4 -o addr show dev "$dev" scope global | awk '{split($4, a, "/"); print a[1]; exit}'; fi
}

kubectl() { "$bin/kubectl" --kubeconfig "$kubeconfig" "$@"; }

# Waits until "$@" succeeds, at most $1 seconds; names $2 in the failure.
wait_for() {
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "$what did not come up within ${seconds} s (logs: $logs)"
    sleep 1
  done
}

# Starts a process in its own session, logging to $logs/$1.log, its pid in $pids/$1.
start() {
  local name=$1; shift
  setsid "$@" </dev/null >"$logs/$name.log" 2>&1 &
  echo $! >"$pids/$name"
  log "started $name (pid $!)"
}

alive() { [[ -f $pids/$1 ]] && kill -0 "$(cat "$pids/$1")" 2>/dev/null; }

# One CA signs every certificate: the API server's, each component's client certificate (its
# user and groups are the subject's CN and O), the service-account key is separate.
issue() { # name cn org [subjectAltName]
  local name=$1 cn=$2 org=$3 san=${4:-}
  local ext="basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth"
  [[ -n $san ]] && ext+=$'\n'"subjectAltName=$san"
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$pki/$name.key" \
    -subj "/CN=$cn${org:+/O=$org}" -out "$pki/$name.csr" 2>/dev/null
  openssl x509 -req -in "$pki/$name.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -days 3650 -extfile <(echo "$ext") -out "$pki/$name.crt" 2>/dev/null
  rm -f "$pki/$name.csr"
}

write_kubeconfig() { # file cert-name
  cat >"$1" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
  - name: faas-e2e
    cluster:
      server: https://127.0.0.1:6443
      certificate-authority-data: $(base64 -w0 "$pki/ca.crt")
users:
  - name: $2
    user:
      client-certificate-data: $(base64 -w0 "$pki/$2.crt")
      client-key-data: $(base64 -w0 "$pki/$2.key")
contexts:
  - name: faas-e2e
    context: { cluster: faas-e2e, user: $2 }
current-context: faas-e2e
KUBECONFIG
}

make_pki() {
  local ip=$1
  mkdir -p "$pki"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
    -subj /CN=faas-e2e-ca -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null
  issue apiserver kube-apiserver "" \
    "IP:127.0.0.1,IP:$ip,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  issue admin faas-e2e-admin system:masters
  issue controller-manager system:kube-controller-manager ""
  issue scheduler system:kube-scheduler ""
  issue kubelet "system:node:$node" system:nodes
  issue kube-proxy system:kube-proxy ""
  issue apiserver-kubelet-client kube-apiserver-kubelet-client ""
  openssl ecparam -name prime256v1 -genkey -noout -out "$pki/sa.key"
  openssl ec -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
  write_kubeconfig "$kubeconfig" admin
  for c in controller-manager scheduler kubelet kube-proxy; do write_kubeconfig "$state/$c.kubeconfig" "$c"; done
}

write_configs() {
  local ip=$1
  mkdir -p "$state/containerd" "$state/cni/net.d" "$state/kubelet"
  cat >"$state/containerd/config.toml" <<TOML
# A containerd of its own for the kubelet (Docker's keeps running beside it untouched).
version = 2
root = "$state/containerd/root"
state = "$state/containerd/state"
[grpc]
  address = "$sock"
[metrics]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "$state/containerd/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "registry.k8s.io/pause:3.10"
  # No CAP_SYS_RESOURCE here: never lower a container's oom_score_adj below ours.
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$state/cni/net.d"
TOML
  # bridge: pods on one bridge, the host as their gateway; firewall: Docker sets FORWARD to DROP,
  # this lets pod traffic through; portmap: hostPort.
  cat >"$state/cni/net.d/10-faas.conflist" <<JSON
{
  "cniVersion": "0.4.0",
  "name": "faas-e2e",
  "plugins": [
    {
      "type": "bridge", "bridge": "$bridge", "isGateway": true, "ipMasq": true, "hairpinMode": true,
      "ipam": { "type": "host-local", "ranges": [[{ "subnet": "$pod_cidr" }]],
                "routes": [{ "dst": "0.0.0.0/0" }], "dataDir": "$state/cni/ipam" }
    },
    { "type": "firewall" },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
JSON
  cat >"$state/kubelet/config.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
containerRuntimeEndpoint: unix://$sock
authentication:
  anonymous: { enabled: false }
  webhook: { enabled: true }
  x509: { clientCAFile: $pki/ca.crt }
authorization: { mode: Webhook }
clusterDNS: [$dns_ip]
clusterDomain: cluster.local
resolvConf: /etc/resolv.conf
# This host: cgroup v1 (hybrid), cgroupfs, swap allowed, no CAP_SYS_RESOURCE (oomScoreAdj 0).
cgroupDriver: cgroupfs
failCgroupV1: false
failSwapOn: false
oomScoreAdj: 0
# A small shared disk and memory: evict only when nearly out, never collect the local images
# (they cannot be pulled again).
evictionHard: { memory.available: 100Mi, nodefs.available: 1%, nodefs.inodesFree: 1%, imagefs.available: 1% }
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
serializeImagePulls: false
# Mounted secrets and config maps follow their object within ~10 s (default 1 min).
syncFrequency: 10s
YAML
  cat >"$state/kube-proxy.yaml" <<YAML
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: { kubeconfig: $state/kube-proxy.kubeconfig }
hostnameOverride: $node
mode: iptables
clusterCIDR: $pod_cidr
bindAddress: 127.0.0.1
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
# The sandbox forbids raising nf_conntrack_max: leave the kernel's conntrack settings alone.
conntrack: { maxPerCore: 0, min: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s }
# No NodePorts on 127.0.0.1 (they need route_localnet=1 host-wide); the suites port-forward.
iptables: { localhostNodePorts: false }
YAML
}

# A one-layer image from a directory, imported into the cluster's containerd: how the pause and
# CoreDNS images get there without a registry.
import_dir_image() { # name:tag rootfs-dir entrypoint
  local ref=$1 root=$2 entry=$3 tmp
  tmp=$(mktemp -d)
  tar -C "$root" --owner=0 --group=0 --numeric-owner --sort=name --mtime=@0 -cf "$tmp/layer.tar" .
  local diff; diff=$(sha256sum "$tmp/layer.tar" | cut -c1-64)
  printf '{"architecture":"amd64","os":"linux","config":{"Entrypoint":["%s"],"WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
    "$entry" "$diff" >"$tmp/config.json"
  local cfg; cfg=$(sha256sum "$tmp/config.json" | cut -c1-64)
  mv "$tmp/config.json" "$tmp/$cfg.json"
  printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["layer.tar"]}]' "$cfg" "$ref" >"$tmp/manifest.json"
  tar -C "$tmp" -cf - manifest.json "$cfg.json" layer.tar | ctr -a "$sock" -n k8s.io images import - >/dev/null
  rm -rf "$tmp"
}

import_binary_image() { # name:tag binary
  local root; root=$(mktemp -d)
  cp "$2" "$root/$(basename "$2")"
  mkdir -p "$root/etc" "$root/tmp"
  import_dir_image "$1" "$root" "/$(basename "$2")"
  rm -rf "$root"
}

cmd_up() {
  [[ $(id -u) == 0 ]] || die "run as root (it starts containerd and kubelet)"
  for c in containerd ctr runc iptables ip6tables conntrack openssl curl; do
    command -v "$c" >/dev/null || die "$c is missing (.ci/kubernetes.sh installs it)"
  done
  for p in bridge host-local firewall portmap loopback; do
    [[ -x /usr/lib/cni/$p ]] || die "/usr/lib/cni/$p is missing: apt-get install -y containernetworking-plugins"
  done
  cmd_build
  cmd_down quiet
  local ip; ip=$(node_ip)
  [[ -n $ip ]] || die "no IPv4 address on the default route's interface: the API server needs one pods can reach"
  local t0=$SECONDS
  mkdir -p "$logs" "$pids"
  for t in $tunables; do echo "$t $(cat "/proc/sys/$t")"; done >"$state/sysctls"
  sysctl -qw net.ipv4.ip_forward=1
  [[ -e /proc/sys/net/bridge/bridge-nf-call-iptables ]] && sysctl -qw net.bridge.bridge-nf-call-iptables=1
  make_pki "$ip"
  write_configs "$ip"

  # Not fsync'ing etcd: a throw-away test cluster on a busy shared disk.
  start etcd "$bin/etcd" --name faas-e2e --data-dir "$state/etcd" --unsafe-no-fsync \
    --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
    --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
    --initial-cluster faas-e2e=http://127.0.0.1:2380 --log-level warn
  wait_for 60 etcd curl -fsS http://127.0.0.1:2379/health

  start kube-apiserver "$bin/kube-apiserver" --etcd-servers http://127.0.0.1:2379 \
    --bind-address 0.0.0.0 --secure-port 6443 --advertise-address "$ip" \
    --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
    --client-ca-file "$pki/ca.crt" \
    --kubelet-client-certificate "$pki/apiserver-kubelet-client.crt" --kubelet-client-key "$pki/apiserver-kubelet-client.key" \
    --service-account-issuer https://kubernetes.default.svc --service-account-key-file "$pki/sa.pub" \
    --service-account-signing-key-file "$pki/sa.key" \
    --service-cluster-ip-range "$service_cidr" --authorization-mode Node,RBAC \
    --enable-admission-plugins NodeRestriction --profiling=false
  wait_for 120 kube-apiserver kubectl get --raw /readyz

  start kube-controller-manager "$bin/kube-controller-manager" --kubeconfig "$state/controller-manager.kubeconfig" \
    --authentication-kubeconfig "$state/controller-manager.kubeconfig" --authorization-kubeconfig "$state/controller-manager.kubeconfig" \
    --service-account-private-key-file "$pki/sa.key" --root-ca-file "$pki/ca.crt" \
    --use-service-account-credentials --service-cluster-ip-range "$service_cidr" \
    --leader-elect=false --bind-address 127.0.0.1 --profiling=false
  start kube-scheduler "$bin/kube-scheduler" --kubeconfig "$state/scheduler.kubeconfig" \
    --authentication-kubeconfig "$state/scheduler.kubeconfig" --authorization-kubeconfig "$state/scheduler.kubeconfig" \
    --leader-elect=false --bind-address 127.0.0.1 --profiling=false
  # The API server calls kubelets (logs, exec, port-forward) as this user.
  kubectl create clusterrolebinding faas-e2e-apiserver-kubelet --clusterrole system:kubelet-api-admin \
    --user kube-apiserver-kubelet-client >/dev/null

  start containerd containerd --config "$state/containerd/config.toml"
  wait_for 60 containerd ctr -a "$sock" version
  import_binary_image registry.k8s.io/pause:3.10 "$bin/pause"

  # The kubelet's root is its own shared mount, so volume mounts propagate into containers.
  mkdir -p "$state/kubelet/root"
  mount --bind "$state/kubelet/root" "$state/kubelet/root"
  mount --make-rshared "$state/kubelet/root"
  start kubelet "$bin/kubelet" --config "$state/kubelet/config.yaml" --kubeconfig "$state/kubelet.kubeconfig" \
    --hostname-override "$node" --node-ip "$ip" --root-dir "$state/kubelet/root" --cert-dir "$state/kubelet/pki"
  start kube-proxy "$bin/kube-proxy" --config "$state/kube-proxy.yaml"
  wait_for 180 "node $node Ready" node_ready

  import_binary_image faas-e2e/coredns:1.15.0 "$bin/coredns"
  kubectl apply -f "$here/coredns.yaml" >/dev/null
  kubectl -n kube-system rollout status deploy/coredns --timeout 180s >/dev/null ||
    die "CoreDNS did not become ready (kubectl -n kube-system describe pods -l k8s-app=kube-dns)"

  cmd_env >"$state/env"
  log "cluster up in $((SECONDS - t0)) s: node $node ($ip), KUBECONFIG=$kubeconfig"
}

node_ready() {
  [[ $(kubectl get node "$node" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null) == True ]]
}

cmd_env() {
  echo "export KUBECONFIG=$kubeconfig"
  echo "export PATH=$bin:\$PATH"
  echo "export FAAS_K8S_CONTAINERD=$sock"
  echo "export FAAS_K8S_BIN=$bin"
  echo "export FAAS_K8S_STATE=$state"
  # The host as pods see it: their bridge's address, the pods' gateway.
  echo "export FAAS_K8S_HOST_FOR_PODS=${pod_cidr%.*}.1"
}

# Stops a process `up` started: TERM, then KILL after $2 seconds.
stop() {
  local name=$1 grace=${2:-10} pid
  [[ -f $pids/$name ]] || return 0
  pid=$(cat "$pids/$name")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq $((grace * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pids/$name"
}

# Every iptables rule and chain the kubelet, kube-proxy and the CNI plugins made (KUBE-*, CNI-*):
# first the jumps from the built-in chains, then the chains.
clean_iptables() {
  local cmd table rule chain
  for cmd in iptables ip6tables; do
    command -v "$cmd" >/dev/null || continue
    for table in filter nat mangle raw; do
      { "$cmd-save" -t "$table" 2>/dev/null || true; } | { grep -E '^-A [A-Z]+ .*-j (KUBE|CNI)-' || true; } |
        sed 's/^-A /-D /' | while read -r rule; do eval "$cmd -w -t $table $rule" 2>/dev/null || true; done
      local chains
      chains=$({ "$cmd-save" -t "$table" 2>/dev/null || true; } | { grep -oE '^:(KUBE|CNI)-[^ ]+' || true; } | cut -c2-)
      for chain in $chains; do "$cmd" -w -t "$table" -F "$chain" 2>/dev/null || true; done
      for chain in $chains; do "$cmd" -w -t "$table" -X "$chain" 2>/dev/null || true; done
    done
  done
}

cmd_down() {
  local quiet=${1:-}
  [[ -d $state ]] || { [[ -n $quiet ]] || log "nothing to stop"; return 0; }
  # The kubelet first (it would restart what is stopped next), then every pod's processes.
  stop kubelet 15
  if [[ -S $sock ]] && ctr -a "$sock" version >/dev/null 2>&1; then
    local task
    for task in $(ctr -a "$sock" -n k8s.io tasks ls -q 2>/dev/null); do
      ctr -a "$sock" -n k8s.io tasks kill -a -s SIGKILL "$task" >/dev/null 2>&1 || true
    done
    sleep 1
    for task in $(ctr -a "$sock" -n k8s.io tasks ls -q 2>/dev/null); do
      ctr -a "$sock" -n k8s.io tasks delete -f "$task" >/dev/null 2>&1 || true
    done
  fi
  local c
  for c in kube-proxy kube-scheduler kube-controller-manager kube-apiserver etcd containerd; do stop "$c"; done
  # The shims of our containerd (they outlive it on purpose), found by its socket.
  local pid
  for pid in $(pgrep -f containerd-shim-runc-v2 || true); do
    if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-address $sock "; then kill -9 "$pid" 2>/dev/null || true; fi
  done
  # Pod network namespaces (containerd names them cni-*), mounts under the state directory.
  local mnt
  for mnt in $(findmnt -rn -o TARGET | { grep -E "^($state/|/run/netns/cni-|/var/run/netns/cni-)" || true; } | sort -r); do
    umount "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null || true
  done
  umount "$state/kubelet/root" 2>/dev/null || true
  rm -f /run/netns/cni-* 2>/dev/null || true
  ip link del "$bridge" 2>/dev/null || true
  clean_iptables
  # The pods' cgroups (the kubelet's cgroupfs driver makes kubepods/ under each controller).
  local dir
  for dir in /sys/fs/cgroup/*/kubepods; do
    [[ -d $dir ]] && find "$dir" -depth -type d -exec rmdir {} + 2>/dev/null || true
  done
  if [[ -f $state/sysctls ]]; then
    local t v
    while read -r t v; do echo "$v" >"/proc/sys/$t" 2>/dev/null || true; done <"$state/sysctls"
  fi
  # Never into a mount that would not go away (a pod's hostPath, say).
  rm -rf --one-file-system "$state"
  [[ -n $quiet ]] || log "stopped and cleaned up"
}

case "${1:-}" in
  build) cmd_build ;;
  up) cmd_up ;;
  down) cmd_down ;;
  env) cmd_env ;;
  *) echo "usage: $0 build|up|down|env" >&2; exit 2 ;;
esac
