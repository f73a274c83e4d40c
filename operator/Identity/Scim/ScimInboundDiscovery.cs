using System.Text.Json.Nodes;

namespace Cerby.Operator.Identity.Scim;

/// <summary>The discovery documents (RFC 7643 §5–7): ServiceProviderConfig, ResourceTypes and Schemas.</summary>
internal static class ScimInboundDiscovery
{
    public static JsonObject ServiceProviderConfig(string baseUrl, ScimInboundOptions options) => new()
    {
        ["schemas"] = new JsonArray(ScimInboundSchemas.ServiceProviderConfig),
        ["documentationUri"] = "https://www.rfc-editor.org/rfc/rfc7644",
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = options.MaxResults },
        ["changePassword"] = new JsonObject { ["supported"] = false },
        ["sort"] = new JsonObject { ["supported"] = false },
        ["etag"] = new JsonObject { ["supported"] = true },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "OAuth Bearer Token",
            ["description"] = "The bearer token from the IdentityProvider's Secret (key bearerToken)",
            ["primary"] = true,
        }),
        ["meta"] = Meta("ServiceProviderConfig", $"{baseUrl}/ServiceProviderConfig"),
    };

    public static IReadOnlyList<JsonObject> ResourceTypes(string baseUrl) =>
    [
        new()
        {
            ["schemas"] = new JsonArray(ScimInboundSchemas.ResourceType),
            ["id"] = "User",
            ["name"] = "User",
            ["endpoint"] = "/Users",
            ["schema"] = ScimInboundSchemas.User,
            ["schemaExtensions"] = new JsonArray(new JsonObject { ["schema"] = ScimInboundSchemas.EnterpriseUser, ["required"] = false }),
            ["meta"] = Meta("ResourceType", $"{baseUrl}/ResourceTypes/User"),
        },
        new()
        {
            ["schemas"] = new JsonArray(ScimInboundSchemas.ResourceType),
            ["id"] = "Group",
            ["name"] = "Group",
            ["endpoint"] = "/Groups",
            ["schema"] = ScimInboundSchemas.Group,
            ["meta"] = Meta("ResourceType", $"{baseUrl}/ResourceTypes/Group"),
        },
    ];

    public static IReadOnlyList<JsonObject> Schemas(string baseUrl) =>
    [
        Schema(baseUrl, ScimInboundSchemas.User, "User",
            Attribute("userName", required: true, uniqueness: "server"),
            Complex("name", false, "formatted", "familyName", "givenName", "middleName"),
            Attribute("displayName"),
            Attribute("externalId", caseExact: true),
            Attribute("active", type: "boolean"),
            Complex("emails", true, "value", "type", "display", "primary"),
            Complex("groups", true, "value", "display", "type")),
        Schema(baseUrl, ScimInboundSchemas.Group, "Group",
            Attribute("displayName", required: true, uniqueness: "server"),
            Attribute("externalId", caseExact: true),
            Complex("members", true, "value", "display", "type")),
        Schema(baseUrl, ScimInboundSchemas.EnterpriseUser, "EnterpriseUser",
            Attribute("employeeNumber"), Attribute("costCenter"), Attribute("organization"), Attribute("division"), Attribute("department"),
            Complex("manager", false, "value", "displayName")),
    ];

    private static JsonObject Schema(string baseUrl, string id, string name, params JsonObject[] attributes) => new()
    {
        ["schemas"] = new JsonArray(ScimInboundSchemas.Schema),
        ["id"] = id,
        ["name"] = name,
        ["attributes"] = new JsonArray(attributes),
        ["meta"] = Meta("Schema", $"{baseUrl}/Schemas/{id}"),
    };

    private static JsonObject Attribute(string name, string type = "string", bool required = false, bool caseExact = false, string uniqueness = "none") => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["multiValued"] = false,
        ["required"] = required,
        ["caseExact"] = caseExact,
        ["mutability"] = "readWrite",
        ["returned"] = "default",
        ["uniqueness"] = uniqueness,
    };

    private static JsonObject Complex(string name, bool multiValued, params string[] subAttributes) => new()
    {
        ["name"] = name,
        ["type"] = "complex",
        ["multiValued"] = multiValued,
        ["required"] = false,
        ["mutability"] = name == "groups" ? "readOnly" : "readWrite",
        ["returned"] = "default",
        ["subAttributes"] = new JsonArray(subAttributes.Select(s => (JsonNode)Attribute(s, type: s == "primary" ? "boolean" : "string")).ToArray()),
    };

    private static JsonObject Meta(string resourceType, string location) => new() { ["resourceType"] = resourceType, ["location"] = location };
}
