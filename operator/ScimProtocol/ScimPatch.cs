using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cerby.Operator.ScimProtocol;

/// <summary>
/// Applies a PatchOp (RFC 7644 §3.5.2) to a copy of a resource, as Okta and Entra send them: ops in any case
/// ("Replace"), no-path add/replace with a value object keyed by attribute paths (<c>name.givenName</c>, extension
/// URNs), value paths such as <c>members[value eq "…"]</c>, and Entra's legacy member removal by <c>path: "members"</c>
/// with a value array. The caller applies the result only when every operation succeeded (atomic).
/// </summary>
internal static class ScimPatch
{
    public static void Apply(JsonObject resource, JsonNode? body)
    {
        if (body is not JsonObject patch || ScimJsonAttributes.Get(patch, "Operations") is not JsonArray operations)
        {
            throw ScimException.InvalidSyntax("a PatchOp needs an Operations array");
        }

        foreach (var node in operations)
        {
            if (node is not JsonObject operation)
            {
                throw ScimException.InvalidSyntax("each operation must be an object");
            }

            var op = ScimJsonAttributes.String(operation, "op")?.ToLowerInvariant();
            if (op is not ("add" or "remove" or "replace"))
            {
                throw ScimException.InvalidSyntax($"op \"{ScimJsonAttributes.String(operation, "op")}\" is not add, remove or replace");
            }

            var path = ScimJsonAttributes.Get(operation, "path") switch
            {
                null => null,
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                JsonValue v when v.GetValueKind() == JsonValueKind.Null => null,
                _ => throw ScimException.InvalidPath("path must be a string"),
            };
            var value = ScimJsonAttributes.Get(operation, "value");
            if (string.IsNullOrWhiteSpace(path))
            {
                ApplyWithoutPath(resource, op, value);
            }
            else
            {
                ApplyAt(resource, ScimPatchPath.Parse(path), op, value);
            }
        }
    }

    private static void ApplyWithoutPath(JsonObject resource, string op, JsonNode? value)
    {
        if (op == "remove")
        {
            throw ScimException.NoTarget("remove needs a path");
        }

        if (value is not JsonObject attributes)
        {
            throw ScimException.InvalidValue($"{op} without a path needs an object value");
        }

        foreach (var (key, attributeValue) in attributes.ToList())
        {
            if (key.Equals("meta", StringComparison.OrdinalIgnoreCase) || key.Equals("schemas", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var path = ScimAttributePath.TryParse(key) ?? throw ScimException.InvalidPath($"\"{key}\" is not an attribute path");
            ApplyAt(resource, new ScimPatchPath(path, null, null), op, attributeValue);
        }
    }

    private static void ApplyAt(JsonObject resource, ScimPatchPath path, string op, JsonNode? value)
    {
        var attribute = path.Attribute;
        if (attribute.Attribute is null)
        {
            ApplyToExtension(resource, attribute.Schema!, op, value);
            return;
        }

        CheckMutable(resource, attribute, op, value);
        if (attribute.Schema is null && attribute.Attribute.Equals("id", StringComparison.OrdinalIgnoreCase))
        {
            return; // the same id again (Okta sends it with renames)
        }

        var container = attribute.Container(resource, create: op != "remove");
        if (container is null)
        {
            return; // removing from an extension the resource does not have
        }

        value = Normalise(attribute, value);
        if (path.Filter is { } filter)
        {
            ScimPatchValues.Filtered(container, attribute.Attribute, filter, path.FilteredSubAttribute, op, value, path);
        }
        else if (attribute.SubAttribute is { } sub)
        {
            ScimPatchValues.SubAttribute(container, attribute.Attribute, sub, op, value);
        }
        else
        {
            ScimPatchValues.Attribute(container, attribute.Attribute, op, value);
        }
    }

    private static void ApplyToExtension(JsonObject resource, string schema, string op, JsonNode? value)
    {
        if (op == "remove")
        {
            ScimJsonAttributes.Remove(resource, schema);
            return;
        }

        if (value is not JsonObject attributes)
        {
            throw ScimException.InvalidValue($"{schema} takes an object value");
        }

        foreach (var (key, attributeValue) in attributes.ToList())
        {
            var path = ScimAttributePath.TryParse(key) is { Schema: null, Attribute: { } name, SubAttribute: var sub }
                ? new ScimAttributePath(schema, name, sub)
                : throw ScimException.InvalidPath($"\"{key}\" is not an attribute of {schema}");
            ApplyAt(resource, new ScimPatchPath(path, null, null), op, attributeValue);
        }
    }

    private static void CheckMutable(JsonObject resource, ScimAttributePath attribute, string op, JsonNode? value)
    {
        if (attribute.Schema is not null)
        {
            return;
        }

        var name = attribute.Attribute!;
        if (name.Equals("id", StringComparison.OrdinalIgnoreCase)
            && (op == "remove" || value is not JsonValue v || v.GetValueKind() != JsonValueKind.String || v.GetValue<string>() != ScimJsonAttributes.String(resource, "id")))
        {
            throw ScimException.Mutability("id is immutable");
        }

        if (name.Equals("meta", StringComparison.OrdinalIgnoreCase))
        {
            throw ScimException.Mutability($"{name} is read-only");
        }
    }

    /// <summary>Entra's legacy PATCH sends booleans as strings ("False"); active is stored as a JSON boolean.</summary>
    private static JsonNode? Normalise(ScimAttributePath attribute, JsonNode? value) =>
        attribute is { Schema: null, SubAttribute: null, Attribute: { } name } && name.Equals("active", StringComparison.OrdinalIgnoreCase)
            ? ScimJsonAttributes.Boolean(value, "active") is { } active ? JsonValue.Create(active) : null
            : value;
}
