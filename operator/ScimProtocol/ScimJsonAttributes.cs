using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cerby.Operator.ScimProtocol;

/// <summary>
/// SCIM attribute names are case-insensitive (RFC 7643 §2.1) while <see cref="JsonObject"/> is not: every read and
/// write of a resource's attributes goes through these helpers, so "Active" and "active" are one attribute.
/// </summary>
internal static class ScimJsonAttributes
{
    /// <summary>The key under which the object holds the attribute, in the object's own spelling.</summary>
    public static string? FindKey(JsonObject node, string name)
    {
        foreach (var (key, _) in node)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return key;
            }
        }

        return null;
    }

    public static JsonNode? Get(JsonObject node, string name) => FindKey(node, name) is { } key ? node[key] : null;

    public static void Set(JsonObject node, string name, JsonNode? value)
    {
        var key = FindKey(node, name) ?? name;
        node[key] = value;
    }

    public static bool Remove(JsonObject node, string name) => FindKey(node, name) is { } key && node.Remove(key);

    /// <summary>A string attribute's value; null when absent or not a string.</summary>
    public static string? String(JsonObject node, string name) =>
        Get(node, name) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>
    /// A boolean attribute, accepting the strings "True"/"False" in any case as Entra's legacy PATCH sends them.
    /// Null when absent or JSON null; throws invalidValue for anything else.
    /// </summary>
    public static bool? Boolean(JsonNode? node, string name)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.String when bool.TryParse(value.GetValue<string>(), out var parsed):
                    return parsed;
                case JsonValueKind.Null:
                    return null;
            }
        }

        throw ScimException.InvalidValue($"{name} must be a boolean");
    }

    /// <summary>A deep copy (nodes have one parent, so a node moved between objects is cloned first).</summary>
    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();
}
