#!/usr/bin/env bash
# The kubectl scenarios of tests/Cerby.Operator.Tests/KubeApi/KubectlTests.cs, on a real k3d cluster, for hosts that
# have Docker (the development machines do not: there the same scenarios run against tests/Cerby.KubeApiServer).
#   tests/e2e/k3d.sh            create a throwaway cluster, run the scenarios, delete the cluster
#   KEEP_CLUSTER=1 tests/e2e/k3d.sh   leave the cluster running afterwards
set -euo pipefail
cd "$(dirname "$0")/../.."

cluster=cerby-e2e
for tool in docker k3d kubectl; do
  command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done

k3d cluster create "$cluster" --wait --no-lb >/dev/null
[ "${KEEP_CLUSTER:-}" = 1 ] || trap 'k3d cluster delete "$cluster" >/dev/null' EXIT
export KUBECONFIG
KUBECONFIG=$(mktemp)
k3d kubeconfig get "$cluster" > "$KUBECONFIG"

step() { echo "== $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_in() { grep -q -- "$2" <<<"$1" || fail "expected \"$2\" in: $1"; }

step "CRDs apply and become established"
kubectl apply -f crds/
kubectl wait --for=condition=established --timeout=60s crd --all

step "an example applies with default client-side validation"
kubectl apply -f examples/001-provision/

step "printer columns"
out=$(kubectl get teamshares -n seed-001)
for column in HUB TEAM USER ROLE READY USERS AGE; do expect_in "$out" "$column"; done

step "category"
expect_in "$(kubectl get cerby -A)" "teamshare"

step "explain shows the field descriptions"
expect_in "$(kubectl explain teamshare.spec.subject)" "exactly one of team or user"

step "an invalid share is rejected by the CEL rule"
if out=$(kubectl apply -f - 2>&1 <<'YAML'
apiVersion: access.cerby.io/v1alpha1
kind: TeamShare
metadata: { name: both, namespace: seed-001 }
spec:
  hubRef: { name: meta-marketing }
  subject: { team: marketing-admins, user: someone@acme.example }
  role: Admin
YAML
); then fail "a share with both team and user was accepted"; fi
expect_in "$out" "exactly one of team or user must be set"

step "an unknown field is rejected under strict validation"
if out=$(kubectl apply -f - 2>&1 <<'YAML'
apiVersion: access.cerby.io/v1alpha1
kind: TeamShare
metadata: { name: typo, namespace: seed-001 }
spec:
  hubRef: { name: meta-marketing }
  subject: { team: marketing-admins }
  role: Admin
  colour: blue
YAML
); then fail "an unknown field was accepted"; fi
expect_in "$out" "unknown field"

step "delete waits for the finalizer"
kubectl patch teamshare -n seed-001 marketing-admins --type=merge -p '{"metadata":{"finalizers":["access.cerby.io/cleanup"]}}'
kubectl delete teamshare -n seed-001 marketing-admins --wait=false
expect_in "$(kubectl get teamshare -n seed-001 marketing-admins -o jsonpath='{.metadata.deletionTimestamp}')" "T"
kubectl patch teamshare -n seed-001 marketing-admins --type=merge -p '{"metadata":{"finalizers":null}}'
kubectl wait --for=delete --timeout=30s teamshare -n seed-001 marketing-admins

step "wait for Ready once the status says so"
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
kubectl patch teamshare -n seed-001 marketing-editors --subresource=status --type=merge \
  -p "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"Granted\",\"message\":\"e2e\",\"lastTransitionTime\":\"$now\",\"observedGeneration\":1}]}}"
kubectl wait --for=condition=Ready --timeout=30s teamshare -n seed-001 marketing-editors
expect_in "$(kubectl describe teamshare -n seed-001 marketing-editors)" "Granted"

echo "all k3d scenarios passed"
