using System.Text.Json.Nodes;

namespace Cerby.Operator.Cli;

/// <summary>
/// Drops fields whose value is null (in YAML: <c>key:</c>, <c>key: null</c>, <c>key: ~</c>), so they read as absent
/// and take their defaults, as the Kubernetes API server prunes null fields of custom resources.
/// </summary>
internal static class NullFields
{
    /// <summary>Removes null-valued fields from every mapping under <paramref name="node"/>, in place.</summary>
    public static void Prune(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    obj.Remove(key);
                }

                foreach (var (_, value) in obj)
                {
                    Prune(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Prune(item);
                }

                break;
        }
    }
}
