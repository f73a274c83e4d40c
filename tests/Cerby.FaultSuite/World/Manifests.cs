namespace Cerby.FaultSuite.World;

/// <summary>The YAML the scenarios apply with kubectl, in flow style; credentials go in as stringData.</summary>
internal static class Manifests
{
    /// <summary>Hub policy with the removal guard off (the scenarios remove on purpose) and a short resync.</summary>
    public const string OpenPolicy = "{ resyncInterval: 30s, removalGuard: { maxRemovals: 100000, maxRemovalsPercent: 100 } }";

    public static string Namespace(string ns) => Doc($"apiVersion: v1\nkind: Namespace\nmetadata: {{ name: {ns} }}");

    public static string Secret(string ns, string name, string key, string value, string? key2 = null, string? value2 = null) =>
        Doc($"apiVersion: v1\nkind: Secret\nmetadata: {{ name: {name}, namespace: {ns} }}\nstringData: {{ {key}: \"{value}\"{(key2 is null ? "" : $", {key2}: \"{value2}\"")} }}");

    public static string OktaIdp(string ns, string name, string orgUrl, string secret, string poll = "1s") =>
        Resource("IdentityProvider", ns, name, $"type: okta\n  okta: {{ orgUrl: \"{orgUrl.TrimEnd('/')}\", logPollInterval: {poll}, logIdlePollInterval: {poll} }}\n  credentialsSecretRef: {{ name: {secret} }}");

    public static string ScimIdp(string ns, string name, string secret) =>
        Resource("IdentityProvider", ns, name, $"type: scim\n  credentialsSecretRef: {{ name: {secret} }}");

    public static string ScimHub(string ns, string name, string scimUrl, string secret) =>
        Resource("BusinessHub", ns, name,
            $"connector: {{ type: scim, baseUrl: \"{scimUrl}\", credentialsSecretRef: {{ name: {secret} }} }}\n"
            + "  roles: [ { name: Admin, nativeRole: admin }, { name: Editor, nativeRole: editor }, { name: Viewer, nativeRole: viewer } ]\n"
            + $"  policy: {OpenPolicy}");

    public static string MetaHub(string ns, string name, string baseUrl, string businessId, string secret) =>
        Resource("BusinessHub", ns, name,
            $"connector: {{ type: meta, baseUrl: \"{baseUrl.TrimEnd('/')}\", businessId: \"{businessId}\", inviteRequired: true, credentialsSecretRef: {{ name: {secret} }} }}\n"
            + "  roles: [ { name: Admin, nativeRole: ADMIN }, { name: Editor, nativeRole: EMPLOYEE } ]\n"
            + $"  policy: {OpenPolicy}");

    public static string Binding(string ns, string team, string group, string idp) =>
        Resource("IdpGroupBinding", ns, team, $"identityProviderRef: {{ name: {idp} }}\n  group: {{ displayName: \"{group}\" }}\n  team: {team}");

    public static string TeamShare(string ns, string name, string hub, string role, string team) =>
        Resource("TeamShare", ns, name, $"hubRef: {{ name: {hub} }}\n  subject: {{ team: {team} }}\n  role: {role}");

    public static string UserShare(string ns, string name, string hub, string role, string user) =>
        Resource("TeamShare", ns, name, $"hubRef: {{ name: {hub} }}\n  subject: {{ user: \"{user}\" }}\n  role: {role}");

    private static string Resource(string kind, string ns, string name, string spec) =>
        Doc($"apiVersion: access.cerby.io/v1alpha1\nkind: {kind}\nmetadata: {{ name: {name}, namespace: {ns} }}\nspec:\n  {spec}");

    private static string Doc(string body) => "---\n" + body + "\n";
}
