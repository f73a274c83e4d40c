#!/usr/bin/env bash
# The one-command local sandbox: the Kubernetes API test server, the Okta emulator, the real scimmy SCIM app and the
# real operator, all on 127.0.0.1, then a walk through the seed flows. Keeps running until Ctrl+C;
# `./sandbox.sh --exit-after` stops after the walk (exit 0 only if every step reached its expected state).
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

missing=0
need() {
    command -v "$1" >/dev/null && return 0
    echo "sandbox.sh: $1 is required: $2" >&2
    missing=1
}
need dotnet "the .NET 10 SDK builds and runs the operator (https://dot.net/download)"
need node "Node.js 18+ runs the scimmy SCIM app (https://nodejs.org)"
need npm "npm installs the SCIM app's packages (it comes with Node.js)"
need kubectl "the sandbox applies its manifests with the real kubectl, v1.32 or later (https://kubernetes.io/docs/tasks/tools/)"
[ "$missing" -eq 0 ] || exit 1

if [ ! -d tests/scim-app/node_modules/scimmy-routers ]; then
    echo "== installing the SCIM app's packages (scimmy, scimmy-routers, express) from the lock file"
    npm ci --prefix tests/scim-app --no-audit --no-fund
fi

# Build, showing each project as it is built (a fresh clone restores and builds for about a minute), then run.
echo "== building the sandbox and the operator (first build on a fresh clone: about a minute)"
started=$SECONDS
if ! dotnet build -c Release tests/Cerby.Sandbox -nologo -v minimal 2>&1 | sed -u 's/^ *//; s/^/   /'; then
    echo "sandbox.sh: the build failed (its output is above)" >&2
    exit 1
fi
echo "   built in $((SECONDS - started)) s"
exec dotnet run -c Release --no-build --project tests/Cerby.Sandbox -- "$@"
