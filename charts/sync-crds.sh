#!/usr/bin/env bash
# Copies the generated CRDs (crds/, the single source, generated from the C# types) into the chart, which renders them
# from charts/cerby-operator/files/crds/. With --check, changes nothing and fails when the copy differs (CI runs that).
#   usage: charts/sync-crds.sh [--check]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source_dir="$root/crds"
chart_dir="$root/charts/cerby-operator/files/crds"

if [ "${1:-}" = "--check" ]; then
    if diff -r "$source_dir" "$chart_dir"; then
        echo "chart CRDs match crds/"
    else
        echo "charts/cerby-operator/files/crds differs from crds/: run charts/sync-crds.sh and commit" >&2
        exit 1
    fi
    exit 0
fi

mkdir -p "$chart_dir"
rm -f "$chart_dir"/*.yaml
cp "$source_dir"/*.yaml "$chart_dir"/
echo "copied $(ls "$source_dir"/*.yaml | wc -l) CRDs into ${chart_dir#"$root"/}"
