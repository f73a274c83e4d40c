using System.Text.Json.Nodes;

namespace Cerby.Operator.ScimProtocol;

/// <summary>
/// One operation of a PatchOp request (RFC 7644 §3.5.2) as a client sends it: <c>add</c>, <c>replace</c> or
/// <c>remove</c>, a path, and (except for remove) a value. <see cref="ScimPatch.Apply"/> is what a server does with them.
/// </summary>
internal sealed record ScimPatchOperation(string Op, string? Path, JsonNode? Value)
{
    public static ScimPatchOperation Add(string path, JsonNode value) => new("add", path, value);

    public static ScimPatchOperation Replace(string path, JsonNode value) => new("replace", path, value);

    public static ScimPatchOperation Remove(string path) => new("remove", path, null);

    public JsonObject ToJson()
    {
        var operation = new JsonObject { ["op"] = Op };
        if (Path is not null)
        {
            operation["path"] = Path;
        }

        if (Value is not null)
        {
            operation["value"] = Value.DeepClone();
        }

        return operation;
    }

    /// <summary>The PatchOp request body carrying the operations in order.</summary>
    public static JsonObject Request(IEnumerable<ScimPatchOperation> operations) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.PatchOp),
        ["Operations"] = new JsonArray([.. operations.Select(o => (JsonNode)o.ToJson())]),
    };
}
