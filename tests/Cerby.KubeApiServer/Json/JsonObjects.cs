using System.Text.Json.Nodes;

namespace Cerby.KubeApiServer.Json;

/// <summary>Small helpers over <see cref="JsonObject"/> for Kubernetes object metadata.</summary>
internal static class JsonObjects
{
    /// <summary>The object's <c>metadata</c>, created when missing.</summary>
    public static JsonObject Metadata(this JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }

        metadata = new JsonObject();
        obj["metadata"] = metadata;
        return metadata;
    }

    /// <summary>A string field, or null when it is missing or not a string.</summary>
    public static string? GetString(this JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The value at a dotted path such as <c>metadata.name</c>, or null.</summary>
    public static JsonNode? AtPath(this JsonObject obj, string dottedPath)
    {
        JsonNode? node = obj;
        foreach (var part in dottedPath.Split('.'))
        {
            node = node is JsonObject current ? current[part] : null;
        }

        return node;
    }

    /// <summary>A scalar rendered as text the way selectors and tables compare it, or null.</summary>
    public static string? ScalarText(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    /// <summary>A JSON number as a double, whichever CLR type holds it (parsed JSON, or long/double from YAML).</summary>
    public static double Number(JsonNode node)
    {
        var value = node.AsValue();
        return value.TryGetValue<double>(out var number) ? number
            : value.TryGetValue<long>(out var integer) ? integer
            : value.TryGetValue<int>(out var small) ? small
            : throw new InvalidOperationException($"{node.ToJsonString()} is not a number");
    }

    /// <summary>The object's labels as a dictionary (empty when there are none).</summary>
    public static IReadOnlyDictionary<string, string> Labels(this JsonObject obj)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj.AtPath("metadata.labels") is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                labels[key] = ScalarText(value) ?? "";
            }
        }

        return labels;
    }

    /// <summary>The strings of a string array field (empty when missing).</summary>
    public static List<string> StringList(JsonNode? node) =>
        node is JsonArray array ? array.Select(ScalarText).OfType<string>().ToList() : [];

    /// <summary>A deep copy typed as an object.</summary>
    public static JsonObject Clone(this JsonObject obj) => obj.DeepClone().AsObject();

    /// <summary>A copy without the named top-level fields, for comparisons.</summary>
    public static JsonObject Without(this JsonObject obj, params string[] names)
    {
        var copy = obj.Clone();
        foreach (var name in names)
        {
            copy.Remove(name);
        }

        return copy;
    }
}
