using System.Text.Json.Nodes;

namespace Cerby.Operator.ScimProtocol;

/// <summary>How one PATCH operation changes the value at its target: a whole attribute, a sub-attribute, or the elements a value path selects.</summary>
internal static class ScimPatchValues
{
    /// <summary>add, replace or remove of a whole attribute (a no-path value object lands here too, key by key).</summary>
    public static void Attribute(JsonObject container, string name, string op, JsonNode? value)
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

    /// <summary>add, replace or remove of a sub-attribute (<c>name.givenName</c>); on a multi-valued attribute, of every element's.</summary>
    public static void SubAttribute(JsonObject container, string name, string sub, string op, JsonNode? value)
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

    /// <summary>
    /// add, replace or remove of the elements a value path selects (<c>members[value eq "…"]</c>, optionally <c>.sub</c>):
    /// removing what is not there succeeds; add or replace of an <c>attr eq "value"</c> that matches nothing creates the element.
    /// </summary>
    public static void Filtered(JsonObject container, string name, ScimFilter filter, string? sub, string op, JsonNode? value, ScimPatchPath path)
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
