using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cerby.Operator.Identity.Scim;

/// <summary>
/// One stored user or group, immutable: its attributes as the IdP sent them (normalised; no id, meta or password) held
/// as a <see cref="JsonElement"/>, so concurrent readers never share a mutable node. A DELETEd user stays as a
/// tombstone (<see cref="Deleted"/>) so the operator deprovisions them.
/// </summary>
/// <param name="Sequence">Creation order, for stable paging.</param>
/// <param name="Version">The store version of the last change; also the ETag.</param>
internal sealed record ScimStoredResource(ScimResourceKind Kind, string Id, long Sequence, JsonElement Body, DateTimeOffset Created, DateTimeOffset LastModified, long Version, bool Deleted)
{
    /// <summary>A fresh, mutable copy of the attributes.</summary>
    public JsonObject Attributes() => JsonNode.Parse(Body.GetRawText())!.AsObject();

    /// <summary>The weak ETag of this version.</summary>
    public string ETag => $"W/\"{Version}\"";

    public string? String(string name) =>
        Body.EnumerateObject().FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: JsonValueKind.String } property
            ? property.Value.GetString()
            : null;
}
