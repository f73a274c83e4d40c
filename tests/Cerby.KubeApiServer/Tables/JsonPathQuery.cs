using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Cerby.KubeApiServer.Tables;

/// <summary>
/// The JSONPath subset of printer columns: <c>.a.b</c>, <c>.a[0]</c>, <c>.a[*]</c> and
/// <c>.a[?(@.field=="value")]</c>; the first match is the cell value, as the apiserver shows it.
/// </summary>
internal static partial class JsonPathQuery
{
    public static JsonNode? First(JsonNode root, string path)
    {
        IEnumerable<JsonNode?> current = [root];
        foreach (Match step in Step().Matches(path.Trim().TrimStart('{').TrimEnd('}')))
        {
            current = step.Groups["field"].Success ? current.Select(node => (node as JsonObject)?[step.Groups["field"].Value])
                : step.Groups["index"].Success ? current.Select(node => Index(node, int.Parse(step.Groups["index"].Value)))
                : step.Groups["all"].Success ? current.SelectMany(node => node as JsonArray ?? [])
                : current.SelectMany(node => Filter(node, step.Groups["filterField"].Value, step.Groups["filterValue"].Value));
        }

        return current.FirstOrDefault(node => node is not null);
    }

    private static JsonNode? Index(JsonNode? node, int index) => node is JsonArray array && index < array.Count ? array[index] : null;

    private static IEnumerable<JsonNode?> Filter(JsonNode? node, string field, string value) =>
        (node as JsonArray ?? []).Where(item => (item as JsonObject)?[field] is JsonValue candidate &&
                                                candidate.TryGetValue<string>(out var text) && text == value);

    [GeneratedRegex("""\.(?<field>[A-Za-z0-9_-]+)|\[(?<index>[0-9]+)\]|\[(?<all>\*)\]|\[\?\(@\.(?<filterField>[A-Za-z0-9_-]+)\s*==\s*["'](?<filterValue>[^"']*)["']\)\]""")]
    private static partial Regex Step();
}
