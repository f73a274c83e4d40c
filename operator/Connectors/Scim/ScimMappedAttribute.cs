using System.Text.Json.Nodes;
using Cerby.Operator.ScimProtocol;

namespace Cerby.Operator.Connectors.Scim;

/// <summary>
/// An app attribute a hub maps, by the text of its <c>appAttribute</c> (<see cref="Name"/>, the key of
/// <see cref="Planning.ActualMember.Attributes"/>) and its SCIM attribute path: <c>title</c>, <c>name.givenName</c>,
/// <c>urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department</c>, or a core attribute written fully
/// qualified. Text that is no attribute path (the resource does not check it) is taken as a top-level attribute name.
/// </summary>
internal sealed record ScimMappedAttribute(string Name, ScimAttributePath Path)
{
    public static ScimMappedAttribute Parse(string name) =>
        new(name, ScimAttributePath.TryParse(name) is { Attribute: not null } path ? path : new ScimAttributePath(null, name, null));

    /// <summary>The attribute's value in a user when it is a string (the only kind hubs map), else null.</summary>
    public string? Read(JsonObject user) => Path.ReadString(user);

    /// <summary>Sets (or with null removes) the attribute in a user, adding the extension object and schema as needed.</summary>
    public void Write(JsonObject user, JsonNode? value) => Path.Write(user, value);
}
