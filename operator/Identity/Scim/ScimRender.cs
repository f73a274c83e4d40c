using System.Globalization;
using System.Text.Json.Nodes;

namespace Cerby.Operator.Identity.Scim;

/// <summary>Stored resources as clients get them: the attributes, the id, members' $ref, and meta (RFC 7643 §3.1).</summary>
internal static class ScimRender
{
    public static JsonObject Resource(ScimStoredResource resource, string baseUrl)
    {
        var rendered = new JsonObject { ["id"] = resource.Id };
        foreach (var (key, value) in resource.Attributes().ToList())
        {
            rendered[key] = value?.DeepClone();
        }

        if (resource.Kind == ScimResourceKind.Group && rendered["members"] is JsonArray members)
        {
            foreach (var member in members.OfType<JsonObject>())
            {
                member["$ref"] = $"{baseUrl}/Users/{Uri.EscapeDataString(member["value"]!.GetValue<string>())}";
            }
        }

        rendered["meta"] = new JsonObject
        {
            ["resourceType"] = resource.Kind.ToString(),
            ["created"] = Timestamp(resource.Created),
            ["lastModified"] = Timestamp(resource.LastModified),
            ["location"] = Location(resource, baseUrl),
            ["version"] = resource.ETag,
        };
        return rendered;
    }

    public static string Location(ScimStoredResource resource, string baseUrl) =>
        $"{baseUrl}/{(resource.Kind == ScimResourceKind.User ? "Users" : "Groups")}/{Uri.EscapeDataString(resource.Id)}";

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
