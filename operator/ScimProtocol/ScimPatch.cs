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
            ApplyFiltered(container, attribute.Attribute, filter, path.FilteredSubAttribute, op, value, path);
        }
        else if (attribute.SubAttribute is { } sub)
        {
            ApplyToSubAttribute(container, attribute.Attribute, sub, op, value);
        }
        else
        {
            ApplyToAttribute(container, attribute.Attribute, op, value);
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

    private static void ApplyToAttribute(JsonObject container, string name, string op, JsonNode? value)
    {
        var current = ScimJsonAttributes.Get(container, name);
        switch (op)
        {
            case "remove" when current is JsonArray list && value is JsonArray unwanted:
                // Entra's legacy shape: {"op":"Remove","path":"members","value":[{"value":"<id>"}]}
                RemoveWhere(list, element => unwanted.Any(u => SameElement(element, u)));
                DropIfEmpty(container, name);
                break;
            case "remove":
                ScimJsonAttributes.Remove(container, name);
                break;
            case "add" when current is JsonArray list:
                foreach (var item in value is JsonArray items ? items.ToList() : [value])
                {
                    if (!list.Any(existing => SameElement(existing, item)))
                    {
                        list.Add(ScimJsonAttributes.Clone(item));
                    }
                }

                break;
            case "add" or "replace" when current is JsonObject complex && value is JsonObject subAttributes:
                foreach (var (key, subValue) in subAttributes.ToList())
                {
                    ScimJsonAttributes.Set(complex, key, ScimJsonAttributes.Clone(subValue));
                }

                break;
            default:
                ScimJsonAttributes.Set(container, name, ScimJsonAttributes.Clone(value));
                break;
        }
    }

    private static void ApplyToSubAttribute(JsonObject container, string name, string sub, string op, JsonNode? value)
    {
        var current = ScimJsonAttributes.Get(container, name);
        if (op == "remove")
        {
            foreach (var element in current is JsonArray list ? list.OfType<JsonObject>().ToList() : current is JsonObject one ? [one] : [])
            {
                ScimJsonAttributes.Remove(element, sub);
            }

            return;
        }

        if (current is JsonArray array)
        {
            if (array.Count == 0)
            {
                array.Add(new JsonObject());
            }

            foreach (var element in array.OfType<JsonObject>())
            {
                ScimJsonAttributes.Set(element, sub, ScimJsonAttributes.Clone(value));
            }

            return;
        }

        if (current is not JsonObject complex)
        {
            complex = [];
            ScimJsonAttributes.Set(container, name, complex);
        }

        ScimJsonAttributes.Set(complex, sub, ScimJsonAttributes.Clone(value));
    }

    private static void ApplyFiltered(JsonObject container, string name, ScimFilter filter, string? sub, string op, JsonNode? value, ScimPatchPath path)
    {
        var current = ScimJsonAttributes.Get(container, name);
        if (current is not (null or JsonArray))
        {
            throw ScimException.InvalidPath($"{path.Attribute} is not multi-valued, so it takes no filter");
        }

        var list = current as JsonArray;
        var matches = list?.OfType<JsonObject>().Where(filter.Matches).ToList() ?? [];
        if (op == "remove")
        {
            // Removing what is not there leaves the resource as asked: retries of a removal succeed.
            foreach (var element in matches)
            {
                if (sub is null)
                {
                    list!.Remove(element);
                }
                else
                {
                    ScimJsonAttributes.Remove(element, sub);
                }
            }

            DropIfEmpty(container, name);
            return;
        }

        if (matches.Count == 0)
        {
            // add/replace of emails[type eq "work"].value on a user without one: create the element the filter describes.
            if (filter.AsEquality() is not { } equality || (sub is null && value is not JsonObject))
            {
                throw ScimException.NoTarget($"no value matches {path.Attribute}[…]");
            }

            var created = new JsonObject { [equality.Attribute] = ScimJsonAttributes.Clone(equality.Value) };
            if (list is null)
            {
                list = [];
                ScimJsonAttributes.Set(container, name, list);
            }

            list.Add(created);
            matches.Add(created);
        }

        foreach (var element in matches)
        {
            if (sub is not null)
            {
                ScimJsonAttributes.Set(element, sub, ScimJsonAttributes.Clone(value));
            }
            else if (value is JsonObject replacement)
            {
                if (op == "replace")
                {
                    foreach (var key in element.Select(kv => kv.Key).ToList())
                    {
                        element.Remove(key);
                    }
                }

                foreach (var (key, subValue) in replacement.ToList())
                {
                    ScimJsonAttributes.Set(element, key, ScimJsonAttributes.Clone(subValue));
                }
            }
            else
            {
                throw ScimException.InvalidValue($"{path.Attribute}[…] takes an object value");
            }
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

    /// <summary>Elements of multi-valued attributes are the same when their "value" is, or when they are equal.</summary>
    private static bool SameElement(JsonNode? left, JsonNode? right)
    {
        if (left is JsonObject a && right is JsonObject b && ScimJsonAttributes.String(a, "value") is { } x && ScimJsonAttributes.String(b, "value") is { } y)
        {
            return string.Equals(x, y, StringComparison.Ordinal);
        }

        return JsonNode.DeepEquals(left, right);
    }

    private static void RemoveWhere(JsonArray list, Func<JsonNode?, bool> predicate)
    {
        foreach (var element in list.Where(predicate).ToList())
        {
            list.Remove(element);
        }
    }

    private static void DropIfEmpty(JsonObject container, string name)
    {
        if (ScimJsonAttributes.Get(container, name) is JsonArray { Count: 0 } && !name.Equals("members", StringComparison.OrdinalIgnoreCase))
        {
            ScimJsonAttributes.Remove(container, name);
        }
    }
}
