using System.Text.Json.Nodes;
using Cerby.Operator.ScimProtocol;

namespace Cerby.Operator.Connectors.Scim;

/// <summary>One attribute to set on a user (a null value removes it), by SCIM path: "active", "roles", "title", or an extension URN path.</summary>
internal sealed record ScimEdit(string Path, JsonNode? Value)
{
    /// <summary>A readable form for ApplyResult details, e.g. "active=false"; attribute values are not echoed.</summary>
    public override string ToString() => Path switch
    {
        "active" or "roles" => $"{Path}={Value?.ToJsonString()}",
        _ => Value is null ? $"-{Path}" : Path,
    };

    /// <summary>The RFC 7644 §3.5.2 PatchOp applying these edits in one request.</summary>
    public static JsonObject PatchOp(IEnumerable<ScimEdit> edits) =>
        ScimPatchOperation.Request(edits.Select(e => e.Value is null ? ScimPatchOperation.Remove(e.Path) : ScimPatchOperation.Replace(e.Path, e.Value)));

    /// <summary>The user resource for a PUT: as read, without read-only meta and groups, with the edits made.</summary>
    public static JsonObject Replaced(JsonObject user, IEnumerable<ScimEdit> edits)
    {
        var replaced = user.DeepClone().AsObject();
        replaced.Remove("meta");
        replaced.Remove("groups");
        foreach (var edit in edits)
        {
            ScimMappedAttribute.Parse(edit.Path).Write(replaced, edit.Value?.DeepClone());
        }

        return replaced;
    }
}
