#!/usr/bin/env bash
# schemathesis (PyPI) for the e2e fuzz suite (e2e/test/fuzz-schemathesis.test.ts): a venv in
# ${FAAS_TOOLS:-/var/cache/faas-tools}/schemathesis holding exactly the packages pinned in
# .ci/schemathesis-requirements.txt, and a link in $FAAS_TOOLS/bin. A second run with the same
# pins installs nothing. .ci/run calls it before the tests; any failure fails CI.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=${FAAS_TOOLS:-/var/cache/faas-tools}
venv=$tools/schemathesis
pins=.ci/schemathesis-requirements.txt

if [ -x "$venv/bin/schemathesis" ] && cmp -s "$pins" "$venv/requirements.txt" &&
  version=$("$venv/bin/schemathesis" --version 2>/dev/null); then
  echo "$version (cached in $venv)"
  exit 0
fi

# Debian's python3 (what .ci/run installs) rather than whichever python3 is first on PATH, so the
# venv does not depend on a user's interpreter; its venv module comes in python3-venv.
python=/usr/bin/python3
[ -x "$python" ] || python=$(command -v python3)
if ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3-venv >/dev/null
fi

rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$pins"
cp "$pins" "$venv/requirements.txt"
mkdir -p "$tools/bin"
ln -sf "$venv/bin/schemathesis" "$tools/bin/schemathesis"
echo "$("$venv/bin/schemathesis" --version) (installed in $venv)"
