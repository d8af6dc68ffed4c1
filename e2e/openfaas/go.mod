// Our wrapper module for the OpenFaaS certifier: .ci/openfaas.sh builds the certifier's `tests`
// package from the Go module proxy with `go test -c` (none of its source lives here). The
// certifier has no tags: pin its commit by pseudo-version with one require line,
//   require github.com/openfaas/certifier v0.0.0-<commit time UTC>-2e39d0587dc2
// then `go -C e2e/openfaas mod download -x all` fills go.sum. Until then the script and the
// certifier suites say it is not pinned (see e2e/README.md).
module faas.local/e2e/openfaas

go 1.26
