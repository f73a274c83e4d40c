using System.Text.Json.Nodes;
using Cerby.KubeApiServer.Http;

namespace Cerby.KubeApiServer.Patching;

/// <summary>RFC 6902 JSON patch (add, remove, replace, move, copy, test) with RFC 6901 pointers.</summary>
internal static class JsonPatch
{
    public static JsonNode Apply(JsonNode target, JsonArray operations)
    {
        var document = target.DeepClone();
        foreach (var operation in operations.OfType<JsonObject>())
        {
            var op = operation["op"]?.GetValue<string>();
            var path = operation["path"]?.GetValue<string>() ?? throw Invalid("missing path");
            switch (op)
            {
                case "add":
                    Add(document, path, operation["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(document, path);
                    break;
                case "replace":
                    Remove(document, path);
                    Add(document, path, operation["value"]?.DeepClone());
                    break;
                case "move":
                    var moved = Remove(document, From(operation));
                    Add(document, path, moved);
                    break;
                case "copy":
                    Add(document, path, Resolve(document, From(operation))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Resolve(document, path), operation["value"]))
                    {
                        throw new ApiException(422, "Invalid", $"the server rejected our request due to an error in our request: test failed at {path}");
                    }

                    break;
                default:
                    throw Invalid($"unknown op '{op}'");
            }
        }

        return document;
    }

    private static string From(JsonObject operation) => operation["from"]?.GetValue<string>() ?? throw Invalid("missing from");

    private static void Add(JsonNode document, string path, JsonNode? value)
    {
        var (parent, token) = Parent(document, path);
        switch (parent)
        {
            case JsonObject obj:
                obj[token] = value;
                break;
            case JsonArray array when token == "-":
                array.Add(value);
                break;
            case JsonArray array:
                array.Insert(Index(array, token, allowEnd: true), value);
                break;
        }
    }

    private static JsonNode? Remove(JsonNode document, string path)
    {
        var (parent, token) = Parent(document, path);
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(token):
                var value = obj[token];
                obj.Remove(token);
                return value;
            case JsonArray array:
                var index = Index(array, token, allowEnd: false);
                var item = array[index];
                array.RemoveAt(index);
                return item;
            default:
                throw Invalid($"path {path} does not exist");
        }
    }

    private static JsonNode? Resolve(JsonNode document, string path) => Resolve(document, Tokens(path));

    private static JsonNode? Resolve(JsonNode document, IEnumerable<string> tokens)
    {
        JsonNode? node = document;
        foreach (var token in tokens)
        {
            node = node switch
            {
                JsonObject obj => obj[token],
                JsonArray array => array[Index(array, token, allowEnd: false)],
                _ => null,
            };
        }

        return node;
    }

    private static (JsonNode Parent, string Token) Parent(JsonNode document, string path)
    {
        var tokens = Tokens(path);
        if (tokens.Count == 0)
        {
            throw Invalid("the root cannot be patched");
        }

        var parent = Resolve(document, tokens[..^1]) ?? throw Invalid($"path {path} does not exist");
        return (parent, tokens[^1]);
    }

    private static List<string> Tokens(string path) => path.Length == 0
        ? []
        : path[1..].Split('/').Select(token => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();

    private static int Index(JsonArray array, string token, bool allowEnd) =>
        int.TryParse(token, out var index) && index >= 0 && (index < array.Count || (allowEnd && index == array.Count))
            ? index
            : throw Invalid($"array index {token} out of range");

    private static ApiException Invalid(string why) =>
        new(422, "Invalid", $"the server rejected our request due to an error in our request: {why}");
}
