using System.Text.Json.Nodes;

namespace Cerby.Operator.ScimProtocol;

/// <summary>
/// The ListResponse message (RFC 7644 §3.4.2): <c>totalResults</c>, the 1-based <c>startIndex</c>, <c>itemsPerPage</c> and
/// the page's <c>Resources</c>. Servers build one with <see cref="Create"/>; clients read a page with the accessors.
/// </summary>
internal static class ScimListResponse
{
    public static JsonObject Create(IEnumerable<JsonNode> resources, int total, int startIndex)
    {
        var page = new JsonArray(resources.ToArray());
        return new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.ListResponse),
            ["totalResults"] = total,
            ["startIndex"] = startIndex,
            ["itemsPerPage"] = page.Count,
            ["Resources"] = page,
        };
    }

    /// <summary>totalResults, or null when the page has no integer one.</summary>
    public static int? TotalResults(JsonObject page) => Integer(page, "totalResults");

    /// <summary>startIndex as the server answered it, or null when it did not say.</summary>
    public static int? StartIndex(JsonObject page) => Integer(page, "startIndex");

    /// <summary>The Resources attribute as sent (null when absent; RFC 7644 lets an empty page omit it).</summary>
    public static JsonNode? ResourcesNode(JsonObject page) => ScimJsonAttributes.Get(page, "Resources");

    /// <summary>The page's resources that are objects; none when Resources is absent or not an array.</summary>
    public static IEnumerable<JsonObject> Resources(JsonObject page) =>
        ResourcesNode(page) is JsonArray resources ? resources.OfType<JsonObject>() : [];

    private static int? Integer(JsonObject page, string name) =>
        ScimJsonAttributes.Get(page, name) is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;
}
