namespace Cerby.KubeApiServer.Resources;

/// <summary>
/// The built-in types the operator and kubectl need, and those the Helm chart renders (so <c>helm template | kubectl apply</c>
/// works); they are stored but not schema-validated, and nothing acts on them (no pods are started for a Deployment).
/// </summary>
internal static class BuiltInResources
{
    private static readonly PrinterColumn Age = new("Age", "date", ".metadata.creationTimestamp", "Time since creation.");

    public static readonly ResourceType Namespaces = Core("namespaces", "namespace", "Namespace", namespaced: false, hasStatus: true, ["ns"],
        new PrinterColumn("Status", "string", ".status.phase", "The namespace phase."), Age);

    public static readonly ResourceType CustomResourceDefinitions = new(
        "apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition",
        Namespaced: false, HasStatus: true, ["crd", "crds"], [],
        [new PrinterColumn("Created At", "string", ".metadata.creationTimestamp", "Time of creation (printed as a timestamp, as the apiserver does).")],
        Schema: null, StorageKey: "apiextensions.k8s.io/customresourcedefinitions");

    public static List<ResourceType> All() =>
    [
        Namespaces,
        Core("secrets", "secret", "Secret", namespaced: true, hasStatus: false, [],
            new PrinterColumn("Type", "string", ".type", "The secret type."), Age),
        Core("configmaps", "configmap", "ConfigMap", namespaced: true, hasStatus: false, ["cm"], Age),
        Core("events", "event", "Event", namespaced: true, hasStatus: false, ["ev"], Age),
        new("events.k8s.io", "v1", "events", "event", "Event", Namespaced: true, HasStatus: false, ["ev"], [], [Age],
            Schema: null, StorageKey: "events", Converter: new EventsV1Converter()),
        new("coordination.k8s.io", "v1", "leases", "lease", "Lease", Namespaced: true, HasStatus: false, [], [],
            [new PrinterColumn("Holder", "string", ".spec.holderIdentity", "The lease holder."), Age],
            Schema: null, StorageKey: "coordination.k8s.io/leases"),
        CustomResourceDefinitions,

        // What the Helm chart renders besides CRDs: stored for kubectl apply, get and delete; no controller acts on them.
        Core("serviceaccounts", "serviceaccount", "ServiceAccount", namespaced: true, hasStatus: false, ["sa"], Age),
        Core("services", "service", "Service", namespaced: true, hasStatus: true, ["svc"],
            new PrinterColumn("Type", "string", ".spec.type", "The service type."), Age),
        Chart("apps", "deployments", "deployment", "Deployment", namespaced: true, hasStatus: true, ["deploy"]),
        Chart("rbac.authorization.k8s.io", "roles", "role", "Role", namespaced: true, hasStatus: false, []),
        Chart("rbac.authorization.k8s.io", "rolebindings", "rolebinding", "RoleBinding", namespaced: true, hasStatus: false, []),
        Chart("rbac.authorization.k8s.io", "clusterroles", "clusterrole", "ClusterRole", namespaced: false, hasStatus: false, []),
        Chart("rbac.authorization.k8s.io", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", namespaced: false, hasStatus: false, []),
        Chart("policy", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", namespaced: true, hasStatus: true, ["pdb"]),
        Chart("networking.k8s.io", "networkpolicies", "networkpolicy", "NetworkPolicy", namespaced: true, hasStatus: false, ["netpol"]),
    ];

    /// <summary>A built-in v1 type of a named group, listed by <c>kubectl get</c> with name and age.</summary>
    private static ResourceType Chart(
        string group, string plural, string singular, string kind, bool namespaced, bool hasStatus, IReadOnlyList<string> shortNames) =>
        new(group, "v1", plural, singular, kind, namespaced, hasStatus, shortNames, [], [Age], Schema: null, StorageKey: $"{group}/{plural}");

    private static ResourceType Core(
        string plural, string singular, string kind, bool namespaced, bool hasStatus, IReadOnlyList<string> shortNames,
        params PrinterColumn[] columns) =>
        new("", "v1", plural, singular, kind, namespaced, hasStatus, shortNames, [], columns, Schema: null, StorageKey: plural);
}
