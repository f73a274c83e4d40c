using System.Text;
using System.Text.Json.Nodes;

namespace Cerby.Operator.Bench.Latency;

/// <summary>
/// The declared side of the run, as JSON objects for the API server: a namespace, the two Secrets, the Okta
/// IdentityProvider (defaults except the emulator's URL and, when given, the log poll interval), the hub (SCIM with
/// Admin/Editor/Viewer, or Meta with Admin/Editor; policy defaults), two IdpGroupBindings by display name and two
/// TeamShares.
/// </summary>
internal static class LatencyManifests
{
    public const string Namespace = "bench-latency";
    public const string Hub = "app";
    public const string AppSecret = "app-token";

    public static JsonObject NamespaceObject() => Parse($$"""{ "apiVersion": "v1", "kind": "Namespace", "metadata": { "name": "{{Namespace}}" } }""");

    public static JsonObject Secret(string name, string key, string value) => Parse($$"""
        { "apiVersion": "v1", "kind": "Secret", "metadata": { "name": "{{name}}", "namespace": "{{Namespace}}" },
          "data": { "{{key}}": "{{Convert.ToBase64String(Encoding.UTF8.GetBytes(value))}}" } }
        """);

    /// <summary>The custom resources in the order they are created, with their plurals.</summary>
    public static IEnumerable<(string Plural, JsonObject Body)> CustomResources(Uri oktaUrl, JsonObject hubSpec, string? logPollInterval)
    {
        var okta = new JsonObject { ["orgUrl"] = oktaUrl.ToString().TrimEnd('/') };
        if (logPollInterval is not null)
        {
            okta["logPollInterval"] = logPollInterval;
        }

        yield return ("identityproviders", Resource("IdentityProvider", "okta", new JsonObject
        {
            ["type"] = "okta",
            ["okta"] = okta,
            ["credentialsSecretRef"] = new JsonObject { ["name"] = "okta-api-token" },
        }));
        yield return ("businesshubs", Resource("BusinessHub", Hub, hubSpec));
        foreach (var (team, group, role) in new[] { ("bench-editors", OktaPopulation.EditorsGroup, "Editor"), ("bench-admins", OktaPopulation.AdminsGroup, "Admin") })
        {
            yield return ("idpgroupbindings", Resource("IdpGroupBinding", team, Parse($$"""
                { "identityProviderRef": { "name": "okta" }, "group": { "displayName": "{{group}}" }, "team": "{{team}}" }
                """)));
            yield return ("teamshares", Resource("TeamShare", team, Parse($$"""
                { "hubRef": { "name": "{{Hub}}" }, "subject": { "team": "{{team}}" }, "role": "{{role}}" }
                """)));
        }
    }

    /// <summary>A SCIM hub on the app at <paramref name="scimUrl"/>; roles travel in the SCIM roles attribute.</summary>
    public static JsonObject ScimHub(string scimUrl) => Parse($$"""
        { "connector": { "type": "scim", "baseUrl": "{{scimUrl}}", "credentialsSecretRef": { "name": "{{AppSecret}}" } },
          "roles": [ { "name": "Admin", "nativeRole": "admin" }, { "name": "Editor", "nativeRole": "editor" }, { "name": "Viewer", "nativeRole": "viewer" } ] }
        """);

    /// <summary>A Meta hub on the emulator; new people are invited (as Meta Business Manager works), and the invite carries the role.</summary>
    public static JsonObject MetaHub(Uri baseUrl, string businessId) => Parse($$"""
        { "connector": { "type": "meta", "baseUrl": "{{baseUrl.ToString().TrimEnd('/')}}", "businessId": "{{businessId}}", "inviteRequired": true,
                         "credentialsSecretRef": { "name": "{{AppSecret}}" } },
          "roles": [ { "name": "Admin", "nativeRole": "ADMIN" }, { "name": "Editor", "nativeRole": "EMPLOYEE" } ] }
        """);

    private static JsonObject Resource(string kind, string name, JsonObject spec) => new()
    {
        ["apiVersion"] = "access.cerby.io/v1alpha1",
        ["kind"] = kind,
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Namespace },
        ["spec"] = spec,
    };

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
