using System.Text.Json.Nodes;

namespace Cerby.Operator.ScimProtocol;

/// <summary>
/// An attribute path as filters and PATCH paths name it (RFC 7644 §3.4.2.2, §3.5.2): an optional schema URN for
/// extension attributes, the attribute, and an optional sub-attribute, e.g. <c>userName</c>, <c>name.givenName</c>,
/// <c>urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department</c>. <see cref="Attribute"/> is null when
/// the path names a whole extension (its URN alone).
/// </summary>
internal sealed record ScimAttributePath(string? Schema, string? Attribute, string? SubAttribute)
{
    private static readonly string[] CoreSchemas = [ScimSchemas.User, ScimSchemas.Group];

    /// <summary>Attributes compared case-exactly (RFC 7643: id and externalId are caseExact; the rest we hold are not).</summary>
    public bool CaseExact => SubAttribute is null && Attribute is { } name
        && (name.Equals("id", StringComparison.OrdinalIgnoreCase) || name.Equals("externalId", StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses <c>[urn:…:]attr[.sub]</c>; null when the text is not an attribute path.</summary>
    public static ScimAttributePath? TryParse(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        string? schema = null;
        var rest = text;
        if (text.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
        {
            if (IsWholeSchema(text))
            {
                return CoreSchemas.Any(s => s.Equals(text, StringComparison.OrdinalIgnoreCase)) ? null : new ScimAttributePath(text, null, null);
            }

            var colon = text.LastIndexOf(':');
            schema = text[..colon];
            rest = text[(colon + 1)..];
            if (CoreSchemas.Any(s => s.Equals(schema, StringComparison.OrdinalIgnoreCase)))
            {
                schema = null; // core attributes may be written fully qualified
            }
        }

        var parts = rest.Split('.');
        if (parts.Length > 2 || parts.Any(p => !IsName(p)))
        {
            return null;
        }

        return new ScimAttributePath(schema, parts[0], parts.Length == 2 ? parts[1] : null);
    }

    /// <summary>The object that holds the attribute: the resource, or the extension's object (created when asked).</summary>
    public JsonObject? Container(JsonObject resource, bool create)
    {
        if (Schema is null)
        {
            return resource;
        }

        if (ScimJsonAttributes.Get(resource, Schema) is JsonObject extension)
        {
            return extension;
        }

        if (!create)
        {
            return null;
        }

        extension = [];
        ScimJsonAttributes.Set(resource, Schema, extension);
        AddSchema(resource, Schema);
        return extension;
    }

    /// <summary>Lists an extension URN in the resource's schemas (RFC 7643 §3: extension data needs its URN there).</summary>
    public static void AddSchema(JsonObject resource, string schema)
    {
        if (ScimJsonAttributes.Get(resource, "schemas") is not JsonArray schemas)
        {
            schemas = [];
            ScimJsonAttributes.Set(resource, "schemas", schemas);
        }

        if (!schemas.Any(s => s?.GetValue<string>() is { } urn && urn.Equals(schema, StringComparison.OrdinalIgnoreCase)))
        {
            schemas.Add(schema);
        }
    }

    /// <summary>
    /// The values the path names in a resource (or, for a value filter, in one element of a multi-valued attribute): a
    /// multi-valued attribute yields each element, a sub-attribute each element's sub-attribute.
    /// </summary>
    public IEnumerable<JsonNode?> Values(JsonObject resource)
    {
        var container = Container(resource, create: false);
        if (container is null)
        {
            yield break;
        }

        var node = Attribute is null ? container : ScimJsonAttributes.Get(container, Attribute);
        var items = node is JsonArray array ? array.ToList() : [node];
        foreach (var item in items)
        {
            if (SubAttribute is null)
            {
                yield return item;
            }
            else if (item is JsonObject complex)
            {
                yield return ScimJsonAttributes.Get(complex, SubAttribute);
            }
        }
    }

    /// <summary>The first value the path names when it is a string (a simple attribute, a sub-attribute, an extension attribute), else null.</summary>
    public string? ReadString(JsonObject resource) =>
        Values(resource).FirstOrDefault() is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>
    /// Sets the attribute (or with null removes it), creating the extension object (listed in schemas) or the complex
    /// attribute a sub-attribute lives in as needed. A path naming a whole extension is not a value and is left alone.
    /// </summary>
    public void Write(JsonObject resource, JsonNode? value)
    {
        if (Attribute is null || Container(resource, create: value is not null) is not { } container)
        {
            return;
        }

        var owner = container;
        var name = Attribute;
        if (SubAttribute is not null)
        {
            if (ScimJsonAttributes.Get(container, Attribute) is not JsonObject complex)
            {
                if (value is null)
                {
                    return;
                }

                complex = [];
                ScimJsonAttributes.Set(container, Attribute, complex);
            }

            owner = complex;
            name = SubAttribute;
        }

        if (value is null)
        {
            ScimJsonAttributes.Remove(owner, name);
        }
        else
        {
            ScimJsonAttributes.Set(owner, name, value);
        }
    }

    public override string ToString() =>
        (Schema is null ? "" : Schema + (Attribute is null ? "" : ":")) + Attribute + (SubAttribute is null ? "" : "." + SubAttribute);

    private static bool IsWholeSchema(string text)
    {
        var last = text[(text.LastIndexOf(':') + 1)..];
        return !last.Contains('.', StringComparison.Ordinal)
            && (last.Equals("User", StringComparison.OrdinalIgnoreCase) || last.Equals("Group", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsName(string part) =>
        part.Length > 0 && (char.IsLetter(part[0]) || part[0] == '$') && part.Skip(1).All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '$');
}
