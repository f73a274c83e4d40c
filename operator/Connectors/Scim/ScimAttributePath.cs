using System.Text.Json.Nodes;

namespace Cerby.Operator.Connectors.Scim;

/// <summary>
/// An attribute of a SCIM user, by path: "title" (top level) or
/// "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department" (the attribute after the extension URN,
/// stored under the URN's object). Attribute names compare case-insensitively, as RFC 7643 §2.1 says.
/// </summary>
internal sealed record ScimAttributePath(string Path, string? Extension, string Name)
{
    /// <summary>Parses a path; an extension path is "urn:…:Schema:attribute".</summary>
    public static ScimAttributePath Parse(string path)
    {
        if (!path.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
        {
            return new(path, null, path);
        }

        var split = path.LastIndexOf(':');
        return new(path, path[..split], path[(split + 1)..]);
    }

    /// <summary>The attribute's value in a user when it is a string (the only kind hubs map), else null.</summary>
    public string? Read(JsonObject user)
    {
        var owner = Extension is null ? user : Child(user, Extension) as JsonObject;
        return owner is not null && Child(owner, Name) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }

    /// <summary>Sets (or with null removes) the attribute in a user, adding the extension object and schema as needed.</summary>
    public void Write(JsonObject user, JsonNode? value)
    {
        var owner = user;
        if (Extension is not null)
        {
            if (Child(user, Extension) is not JsonObject extension)
            {
                if (value is null)
                {
                    return;
                }

                extension = [];
                user[Extension] = extension;
                if (user["schemas"] is JsonArray schemas && !schemas.Any(s => string.Equals(s?.GetValue<string>(), Extension, StringComparison.OrdinalIgnoreCase)))
                {
                    schemas.Add(Extension);
                }
            }

            owner = extension;
        }

        var existing = owner.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, Name, StringComparison.OrdinalIgnoreCase)) ?? Name;
        if (value is null)
        {
            owner.Remove(existing);
        }
        else
        {
            owner[existing] = value;
        }
    }

    private static JsonNode? Child(JsonObject owner, string name) =>
        owner.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
