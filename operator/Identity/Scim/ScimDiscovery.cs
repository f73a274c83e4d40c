using System.Text.Json.Nodes;
using Cerby.Operator.ScimProtocol;

namespace Cerby.Operator.Identity.Scim;

/// <summary>The discovery documents (RFC 7643 §5–7): ServiceProviderConfig, ResourceTypes and Schemas.</summary>
internal static class ScimDiscovery
{
    /// <summary>PATCH, ETags and filters (up to <see cref="ScimEndpointOptions.MaxResults"/>); no /Bulk, sorting or password change.</summary>
    public static ScimServiceProviderConfig Features(ScimEndpointOptions options) =>
        new(Patch: true, ETag: true, Filter: true, FilterMaxResults: options.MaxResults, Bulk: false, BulkMaxOperations: 0);

    public static JsonObject ServiceProviderConfig(string baseUrl, ScimEndpointOptions options)
    {
        var config = Features(options).ToJson();
        config["documentationUri"] = "https://www.rfc-editor.org/rfc/rfc7644";
        config["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "OAuth Bearer Token",
            ["description"] = "The bearer token from the IdentityProvider's Secret (key bearerToken)",
            ["primary"] = true,
        });
        config["meta"] = Meta("ServiceProviderConfig", $"{baseUrl}/ServiceProviderConfig");
        return config;
    }

    public static IReadOnlyList<JsonObject> ResourceTypes(string baseUrl) =>
    [
        new()
        {
            ["schemas"] = new JsonArray(ScimSchemas.ResourceType),
            ["id"] = "User",
            ["name"] = "User",
            ["endpoint"] = "/Users",
            ["schema"] = ScimSchemas.User,
            ["schemaExtensions"] = new JsonArray(new JsonObject { ["schema"] = ScimSchemas.EnterpriseUser, ["required"] = false }),
            ["meta"] = Meta("ResourceType", $"{baseUrl}/ResourceTypes/User"),
        },
        new()
        {
            ["schemas"] = new JsonArray(ScimSchemas.ResourceType),
            ["id"] = "Group",
            ["name"] = "Group",
            ["endpoint"] = "/Groups",
            ["schema"] = ScimSchemas.Group,
            ["meta"] = Meta("ResourceType", $"{baseUrl}/ResourceTypes/Group"),
        },
    ];

    public static IReadOnlyList<JsonObject> Schemas(string baseUrl) =>
    [
        Schema(baseUrl, ScimSchemas.User, "User", "User Account", ScimSchemaDefinitions.User),
        Schema(baseUrl, ScimSchemas.Group, "Group", "Group", ScimSchemaDefinitions.Group),
        Schema(baseUrl, ScimSchemas.EnterpriseUser, "EnterpriseUser", "Enterprise User", ScimSchemaDefinitions.EnterpriseUser),
    ];

    private static JsonObject Schema(string baseUrl, string id, string name, string description, IReadOnlyList<ScimSchemaAttribute> attributes) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.Schema),
        ["id"] = id,
        ["name"] = name,
        ["description"] = description,
        ["attributes"] = new JsonArray([.. attributes.Select(a => (JsonNode)a.ToJson())]),
        ["meta"] = Meta("Schema", $"{baseUrl}/Schemas/{id}"),
    };

    private static JsonObject Meta(string resourceType, string location) => new() { ["resourceType"] = resourceType, ["location"] = location };
}
