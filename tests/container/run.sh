#!/usr/bin/env bash
# The operator's image, built with the project's Dockerfile and run: two replicas, non-root, read-only root filesystem,
# against the Kubernetes API test server on the host. Checks that one leads (Lease holder) and the other stands by,
# that /readyz and /metrics answer on both, and measures the take-over after `docker stop` (the leader releases its
# Lease) and after `docker kill` (it does not). Prints the image size, start → ready and failover seconds.
#
#   bash tests/container/run.sh            # needs docker (docker.io), debootstrap, root; exits 0 with "SKIP: …" without them
#
# No image registry is needed: the base images are made here and cached (skipped when present):
#   cerby-local/debian:bookworm        debootstrap --variant=minbase, plus libssl3 and ca-certificates, from the host's
#                                      Debian mirror (read from its apt sources)
#   cerby-local/dotnet-runtime:10.0    that plus the host's .NET runtimes (dotnet, host/, shared/)  → RUNTIME_IMAGE
#   cerby-local/dotnet-sdk:10.0        that plus the host's whole .NET SDK
#   cerby-local/dotnet-sdk-offline     the SDK image plus the operator's NuGet packages, restored on the host with its own
#                                      NuGet configuration, and no package source: the build runs with --network none
#                                      → SDK_IMAGE
# ICU is left out: the operator runs with InvariantGlobalization (Directory.Build.props), the SDK image with
# DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

image=${CERBY_IMAGE:-cerby-operator:container-test}
cache=${CERBY_CONTAINER_CACHE:-/var/tmp/cerby-container}
base_image=cerby-local/debian:bookworm
runtime_image=cerby-local/dotnet-runtime:10.0
sdk_image=cerby-local/dotnet-sdk:10.0
offline_sdk_image=cerby-local/dotnet-sdk-offline:10.0
lease=cerby-operator-leader
replicas=(cerby-op-a cerby-op-b)

work=$(mktemp -d /tmp/cerby-container.XXXXXX)
server_pid=""
dockerd_pid=""

skip() { echo "SKIP: $*"; exit 0; }
fail() {
    echo "FAIL: $*" >&2
    for name in "${replicas[@]}"; do
        if docker inspect "$name" >/dev/null 2>&1; then
            echo "--- last log lines of $name" >&2
            docker logs --tail 30 "$name" >&2 2>&1 || true
        fi
    done
    exit 1
}
now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

cleanup() {
    for name in "${replicas[@]}"; do docker rm -f "$name" >/dev/null 2>&1 || true; done
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    if [ -n "$dockerd_pid" ]; then kill "$dockerd_pid" 2>/dev/null || true; wait "$dockerd_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' TERM INT   # so that a timeout still runs cleanup

# ---- the engine -------------------------------------------------------------------------------------------------------
command -v docker >/dev/null || skip "no docker client (Debian: apt-get install docker.io)"
if ! docker info >/dev/null 2>&1; then
    command -v dockerd >/dev/null || skip "no Docker engine answers and dockerd is not installed"
    [ "$(id -u)" = 0 ] || skip "no Docker engine answers, and starting dockerd needs root"
    dockerd >"$work/dockerd.log" 2>&1 &
    dockerd_pid=$!
    for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
    docker info >/dev/null 2>&1 || skip "dockerd did not start: $(tail -n 3 "$work/dockerd.log" | tr '\n' ' ')"
fi
echo "docker engine $(docker version -f '{{.Server.Version}}')"

# ---- local base images --------------------------------------------------------------------------------------------
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
[ -x "$dotnet_root/dotnet" ] || fail "cannot find the host's .NET (dotnet on PATH)"

debian_mirror() {
    # The host's own Debian mirror, from its apt sources (deb822 or one-line format); debootstrap's default otherwise.
    local uri
    uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
    [ -n "$uri" ] || uri=$(awk '$1 == "deb" && $0 !~ /security/ { print ($2 ~ /^\[/ ? $3 : $2); exit }' /etc/apt/sources.list 2>/dev/null || true)
    echo "$uri"
}

if ! docker image inspect "$base_image" >/dev/null 2>&1; then
    command -v debootstrap >/dev/null || skip "debootstrap is not installed (apt-get install debootstrap), so no base image can be made"
    [ "$(id -u)" = 0 ] || skip "debootstrap needs root"
    rootfs="$cache/rootfs-bookworm"
    if [ ! -f "$rootfs/.complete" ]; then
        rm -rf "$rootfs" && mkdir -p "$cache"
        echo "== debootstrap bookworm (minbase + libssl3, ca-certificates) into $rootfs"
        started=$(now)
        debootstrap --variant=minbase --include=libssl3,ca-certificates bookworm "$rootfs" $(debian_mirror) \
            >"$cache/debootstrap.log" 2>&1 || skip "debootstrap failed: $(tail -n 3 "$cache/debootstrap.log" | tr '\n' ' ')"
        rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* \
            "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/*
        touch "$rootfs/.complete"
        echo "debootstrap took $(seconds_since "$started") s"
    fi
    tar -C "$rootfs" --exclude=./.complete -c . | docker import - "$base_image" >/dev/null
fi

# Builds an image from a Dockerfile on stdin and a context made of a folder's listed entries (a tar stream).
build_from() {
    local tag=$1 dir=$2; shift 2
    local ctx="$work/ctx-${tag//[\/:]/-}"
    mkdir -p "$ctx" && cat >"$ctx/Dockerfile"
    tar -c -C "$ctx" Dockerfile -C "$dir" "$@" | docker build -q -t "$tag" - >/dev/null
}

if ! docker image inspect "$runtime_image" >/dev/null 2>&1; then
    echo "== $runtime_image: Debian + the host's .NET runtimes ($(ls "$dotnet_root/shared/Microsoft.NETCore.App" | tr '\n' ' '))"
    build_from "$runtime_image" "$dotnet_root" dotnet host shared/Microsoft.NETCore.App shared/Microsoft.AspNetCore.App <<EOF
FROM $base_image
COPY . /usr/share/dotnet/
RUN rm /usr/share/dotnet/Dockerfile && ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_RUNNING_IN_CONTAINER=true DOTNET_NOLOGO=1
EOF
fi

if ! docker image inspect "$sdk_image" >/dev/null 2>&1; then
    echo "== $sdk_image: Debian + the host's .NET SDK"
    build_from "$sdk_image" "$dotnet_root" . <<EOF
FROM $base_image
COPY . /usr/share/dotnet/
RUN rm /usr/share/dotnet/Dockerfile && ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=true
EOF
fi

# The operator's packages, restored on the host (its NuGet configuration and CA bundle) into a folder of their own, then
# laid into the SDK image's global packages folder; the image has no package source, so its restore is offline.
# Rebuilt on each run: Docker's layer cache makes it a no-op while the packages are the same.
echo "== NuGet packages of operator/ restored on the host"
packages="$cache/nuget-packages"
# A copy of the restore inputs (every project file of operator/ and the build props), so the work tree's obj/ is left alone.
mkdir -p "$work/restore" && cp Directory.Build.props Directory.Packages.props "$work/restore/"
find operator -name '*.csproj' -o -name Directory.Build.props | while read -r f; do
    mkdir -p "$work/restore/$(dirname "$f")" && cp "$f" "$work/restore/$f"
done
dotnet restore "$work/restore/operator/Cerby.Operator.csproj" --packages "$packages" -v quiet >"$work/restore.log" 2>&1 \
    || { cat "$work/restore.log" >&2; fail "restoring operator/ on the host failed"; }
mkdir -p "$work/nuget" && cat >"$work/nuget/NuGet.Config" <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources><clear /></packageSources>
</configuration>
EOF
cp "$work/nuget/NuGet.Config" "$packages/.nuget.config"
build_from "$offline_sdk_image" "$packages" . <<EOF
FROM $sdk_image
COPY . /root/.nuget/packages/
RUN mkdir -p /root/.nuget/NuGet && mv /root/.nuget/packages/.nuget.config /root/.nuget/NuGet/NuGet.Config && rm /root/.nuget/packages/Dockerfile
EOF

# ---- the operator image, with the project's Dockerfile ---------------------------------------------------------------
echo "== docker build (the project's Dockerfile; SDK_IMAGE=$offline_sdk_image RUNTIME_IMAGE=$runtime_image; no network)"
started=$(now)
docker build --network none --build-arg "SDK_IMAGE=$offline_sdk_image" --build-arg "RUNTIME_IMAGE=$runtime_image" \
    -t "$image" . >"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log" >&2; fail "docker build failed"; }
context=$(sed -n 's/^Sending build context to Docker daemon *//p' "$work/build.log" | tail -n 1)
image_bytes=$(docker image inspect -f '{{.Size}}' "$image")
runtime_bytes=$(docker image inspect -f '{{.Size}}' "$runtime_image")
echo "built $image in $(seconds_since "$started") s; build context ${context:-?}"
echo "image size: $((image_bytes / 1048576)) MiB (its base $runtime_image: $((runtime_bytes / 1048576)) MiB, so the operator adds $(((image_bytes - runtime_bytes) / 1048576)) MiB)"

# ---- the API test server on the host, reachable from containers ----------------------------------------------------
bridge_ip=$(ip -4 -o addr show docker0 2>/dev/null | awk '{ split($4, a, "/"); print a[1]; exit }')
[ -n "$bridge_ip" ] || fail "cannot find the docker0 bridge address"
echo "== Kubernetes API test server on $bridge_ip (the docker0 bridge)"
dotnet build tests/Cerby.KubeApiServer -c Release -v quiet -nologo >"$work/server-build.log" 2>&1 \
    || { cat "$work/server-build.log" >&2; fail "building tests/Cerby.KubeApiServer failed"; }
kubeconfig="$work/kubeconfig"
dotnet tests/Cerby.KubeApiServer/bin/Release/net10.0/Cerby.KubeApiServer.dll \
    --port 0 --address "$bridge_ip" --kubeconfig "$kubeconfig" --crds "$root/crds" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do [ -s "$kubeconfig" ] && break; sleep 0.25; done
[ -s "$kubeconfig" ] || { cat "$work/server.log" >&2; fail "the API test server did not start"; }
chmod 0644 "$kubeconfig"   # read by uid 65532 in the containers; it holds only the test server's placeholder token
export KUBECONFIG=$kubeconfig
kubectl get namespace default -o name >/dev/null || fail "kubectl cannot reach the API test server"

holder() { kubectl get lease -n default "$lease" -o jsonpath='{.spec.holderIdentity}' 2>/dev/null || true; }
container_ip() { docker inspect -f '{{.NetworkSettings.IPAddress}}' "$1"; }
http_code() { curl -s -o /dev/null -m 2 -w '%{http_code}' "http://$(container_ip "$1"):8080$2" || true; }
replica_of() { case "$1" in "${replicas[0]}"_*) echo "${replicas[0]}" ;; "${replicas[1]}"_*) echo "${replicas[1]}" ;; esac; }
other() { [ "$1" = "${replicas[0]}" ] && echo "${replicas[1]}" || echo "${replicas[0]}"; }

start_replica() {
    docker run -d --name "$1" --read-only --tmpfs /tmp --user 65532:65532 --cap-drop ALL --security-opt no-new-privileges \
        -v "$kubeconfig:/etc/cerby/kubeconfig:ro" -e KUBECONFIG=/etc/cerby/kubeconfig -e POD_NAME="$1" -e POD_NAMESPACE=default \
        "$image" run --address 0.0.0.0:8080 >/dev/null
}

# Waits until $2 (a command) prints $3, for at most $1 seconds.
wait_for() {
    local deadline=$(($(date +%s) + $1)) cmd=$2 want=$3
    while [ "$(date +%s)" -lt "$deadline" ]; do
        [ "$(eval "$cmd")" = "$want" ] && return 0
        sleep 0.1
    done
    return 1
}

# ---- two replicas ----------------------------------------------------------------------------------------------------
echo "== two replicas: --read-only --user 65532 --tmpfs /tmp --cap-drop ALL"
started=$(now)
for name in "${replicas[@]}"; do start_replica "$name"; done
# The first to lead answers /readyz 200; the standby's code is reported (its readiness rule is its own concern).
wait_for 90 'r=$(replica_of "$(holder)"); [ -n "$r" ] && http_code "$r" /readyz' 200 || fail "no replica became leader and ready within 90 s"
ready=$(seconds_since "$started")
leader=$(replica_of "$(holder)")
standby=$(other "$leader")
echo "start → leader ready: $ready s (leader $leader, Lease holder $(holder))"
for name in "${replicas[@]}"; do
    [ "$(docker inspect -f '{{.State.Running}}' "$name")" = true ] || fail "$name is not running"
    [ "$(docker inspect -f '{{.Config.User}}' "$name")" = 65532:65532 ] || fail "$name does not run as 65532"
done
wait_for 30 'http_code "$standby" /readyz | grep -qv "^000$" && echo answered' answered || fail "the standby's /readyz does not answer"
echo "/readyz: leader $(http_code "$leader" /readyz), standby $(http_code "$standby" /readyz)"
for name in "${replicas[@]}"; do [ "$(http_code "$name" /metrics)" = 200 ] || fail "/metrics on $name did not answer 200"; done
leading() { curl -s -m 2 "http://$(container_ip "$1"):8080/metrics" | awk '/^cerby_leader_election_leading/ { print $2; exit }'; }
[ "$(leading "$leader")" = 1 ] || fail "the leader's cerby_leader_election_leading is not 1"
[ "$(leading "$standby")" = 0 ] || fail "the standby's cerby_leader_election_leading is not 0"
echo "/metrics: 200 on both; cerby_leader_election_leading leader 1, standby 0"

# ---- failover: graceful (the leader releases its Lease) -------------------------------------------------------------
started=$(now)
docker stop -t 30 "$leader" >/dev/null &
stopping=$!
wait_for 60 'replica_of "$(holder)"' "$standby" || fail "the standby did not take the Lease within 60 s of docker stop"
graceful=$(seconds_since "$started")
wait "$stopping"
echo "failover after docker stop (Lease released): $graceful s"

# The stopped one comes back as the standby.
docker start "$leader" >/dev/null
wait_for 60 'http_code "$leader" /metrics' 200 || fail "$leader did not come back"
[ "$(replica_of "$(holder)")" = "$standby" ] || fail "the restarted replica took the Lease from a live leader"
sleep 1   # let it read the Lease once as a standby (a restart must not disturb the leader)

# ---- failover: killed (no release; the Lease must expire) -----------------------------------------------------------
leader=$standby
standby=$(other "$leader")
started=$(now)
docker kill "$leader" >/dev/null
wait_for 60 'replica_of "$(holder)"' "$standby" || fail "the standby did not take the Lease within 60 s of docker kill"
killed=$(seconds_since "$started")
echo "failover after docker kill (Lease not released): $killed s"
wait_for 30 'http_code "$standby" /readyz' 200 || fail "the new leader's /readyz is not 200"

echo "image $((image_bytes / 1048576)) MiB; start → ready ${ready} s; failover: graceful ${graceful} s, killed ${killed} s"
echo "container test passed"
