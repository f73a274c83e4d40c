{{/* Chart name, truncated to the 63 characters of a DNS label. */}}
{{- define "cerby-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: <release>-<chart>, or the release name when it already contains the chart name. */}}
{{- define "cerby-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "cerby-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every object. */}}
{{- define "cerby-operator.labels" -}}
helm.sh/chart: {{ include "cerby-operator.chart" . }}
{{ include "cerby-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: cerby-operator
{{- end }}

{{/* Labels that select the operator pods; never change them in an upgrade (Deployment selectors are immutable). */}}
{{- define "cerby-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cerby-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The operator Deployments, as a YAML list of {name, label, selector, leaseName}: one per entry of `shards` (hubs
labelled sharding.access.cerby.io/shard=<name>, Lease <leaseName>-<name>), one more for the hubs without that label
when shardUnlabelled is set, or a single unsharded one (empty label and selector) when `shards` is empty.
*/}}
{{- define "cerby-operator.shards" -}}
{{- $full := include "cerby-operator.fullname" . }}
{{- $lease := .Values.leaderElection.leaseName }}
{{- $list := list }}
{{- range .Values.shards }}
{{- $list = append $list (dict "name" (printf "%s-%s" $full . | trunc 63 | trimSuffix "-") "label" . "selector" (printf "sharding.access.cerby.io/shard=%s" .) "leaseName" (printf "%s-%s" $lease . | trunc 63 | trimSuffix "-")) }}
{{- end }}
{{- if and .Values.shards .Values.shardUnlabelled }}
{{- $list = append $list (dict "name" (printf "%s-unlabelled" $full | trunc 63 | trimSuffix "-") "label" "" "unlabelled" true "selector" "!sharding.access.cerby.io/shard" "leaseName" (printf "%s-unlabelled" $lease | trunc 63 | trimSuffix "-")) }}
{{- end }}
{{- if not .Values.shards }}
{{- $list = append $list (dict "name" $full "label" "" "selector" "" "leaseName" $lease) }}
{{- end }}
{{- toYaml $list }}
{{- end }}

{{/* Pod selector labels of one shard's Deployment: the chart's, plus the shard's name so shards never select each other's pods. */}}
{{- define "cerby-operator.shardSelectorLabels" -}}
{{ include "cerby-operator.selectorLabels" .root }}
{{- if .shard.label }}
sharding.access.cerby.io/shard: {{ .shard.label | quote }}
{{- else if .shard.unlabelled }}
sharding.access.cerby.io/shard: "unlabelled"
{{- end }}
{{- end }}

{{- define "cerby-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "cerby-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "cerby-operator.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
The operator's RBAC rules on the watched namespaces, least privilege, no wildcards. Each rule says which code needs it.
Leases are not here: they live in the release namespace only (rbac.yaml).
*/}}
{{- define "cerby-operator.rules" -}}
# The five kinds: informers list and watch them, reconcilers read one, finalizers are added and removed by merge patch.
- apiGroups: ["access.cerby.io"]
  resources: ["businesshubs", "teamshares", "idpgroupbindings", "identityproviders", "accessreviews"]
  verbs: ["get", "list", "watch", "patch"]
# Status is written through the status subresource only (read, then replace with optimistic concurrency).
- apiGroups: ["access.cerby.io"]
  resources: ["businesshubs/status", "teamshares/status", "idpgroupbindings/status", "identityproviders/status", "accessreviews/status"]
  verbs: ["get", "update"]
# Events per action (core v1, as client-go's recorder writes them): created once, a repeat patches its count; an
# event another replica created is read and updated.
- apiGroups: [""]
  resources: ["events"]
  verbs: ["get", "create", "update", "patch"]
# Credentials named by credentialsSecretRef (IdP tokens and keys, app tokens): read one by name, never listed.
# Identity state that must survive restarts (what IdPs pushed over SCIM with its ids, Okta and Entra cursors): the
# Secret cerby-idp-<name> and its chunks, owned by their IdentityProvider, created, replaced and deleted by name,
# never listed or watched.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "create", "update", "delete"]
# Each hub's ledger of the members the operator provisioned (apps such as Meta cannot tell who added a member).
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "create", "update"]
{{- end }}
