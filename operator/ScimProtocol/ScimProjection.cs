using System.Text.Json.Nodes;

namespace Cerby.Operator.ScimProtocol;

/// <summary>
/// The <c>attributes</c> and <c>excludedAttributes</c> query parameters (RFC 7644 §3.4.2.5), e.g. Entra's
/// <c>excludedAttributes=members</c> on groups. id and schemas are always returned; names are case-insensitive and may
/// be sub-attributes (<c>name.givenName</c>) or extension paths.
/// </summary>
internal sealed class ScimProjection
{
    private static readonly string[] Always = ["id", "schemas"];
    private readonly List<ScimAttributePath>? _only;
    private readonly List<ScimAttributePath> _excluded;

    private ScimProjection(List<ScimAttributePath>? only, List<ScimAttributePath> excluded)
    {
        _only = only;
        _excluded = excluded;
    }

    public static ScimProjection Parse(string? attributes, string? excludedAttributes) =>
        new(string.IsNullOrWhiteSpace(attributes) ? null : Paths(attributes), string.IsNullOrWhiteSpace(excludedAttributes) ? [] : Paths(excludedAttributes));

    public JsonObject Apply(JsonObject resource)
    {
        if (_only is not null)
        {
            var kept = new JsonObject();
            foreach (var (key, value) in resource.ToList())
            {
                if (Always.Any(a => a.Equals(key, StringComparison.OrdinalIgnoreCase)))
                {
                    kept[key] = value?.DeepClone();
                }
            }

            foreach (var path in _only)
            {
                Copy(resource, kept, path);
            }

            resource = kept;
        }

        foreach (var path in _excluded.Where(p => !Always.Any(a => a.Equals(p.Attribute, StringComparison.OrdinalIgnoreCase))))
        {
            var container = path.Container(resource, create: false);
            if (container is null || path.Attribute is null)
            {
                if (path.Attribute is null)
                {
                    ScimJsonAttributes.Remove(resource, path.Schema!);
                }

                continue;
            }

            if (path.SubAttribute is null)
            {
                ScimJsonAttributes.Remove(container, path.Attribute);
            }
            else
            {
                var node = ScimJsonAttributes.Get(container, path.Attribute);
                foreach (var element in node is JsonArray array ? array.OfType<JsonObject>().ToList() : node is JsonObject one ? [one] : [])
                {
                    ScimJsonAttributes.Remove(element, path.SubAttribute);
                }
            }
        }

        return resource;
    }

    private static void Copy(JsonObject from, JsonObject to, ScimAttributePath path)
    {
        if (path.Attribute is null)
        {
            if (ScimJsonAttributes.Get(from, path.Schema!) is { } extension)
            {
                ScimJsonAttributes.Set(to, path.Schema!, extension.DeepClone());
            }

            return;
        }

        var source = path.Container(from, create: false);
        if (source is null || ScimJsonAttributes.Get(source, path.Attribute) is not { } value)
        {
            return;
        }

        var target = path.Schema is null ? to : ScimJsonAttributes.Get(to, path.Schema) as JsonObject ?? Attach(to, path.Schema);
        if (path.SubAttribute is null || value is not (JsonObject or JsonArray))
        {
            ScimJsonAttributes.Set(target, path.Attribute, value.DeepClone());
            return;
        }

        JsonNode? Pick(JsonObject element) =>
            ScimJsonAttributes.Get(element, path.SubAttribute) is { } sub ? new JsonObject { [path.SubAttribute] = sub.DeepClone() } : new JsonObject();

        var existing = ScimJsonAttributes.Get(target, path.Attribute);
        if (value is JsonObject complex)
        {
            var merged = existing as JsonObject ?? [];
            if (ScimJsonAttributes.Get(complex, path.SubAttribute) is { } sub)
            {
                merged[path.SubAttribute] = sub.DeepClone();
            }

            ScimJsonAttributes.Set(target, path.Attribute, merged);
        }
        else
        {
            ScimJsonAttributes.Set(target, path.Attribute, new JsonArray(((JsonArray)value).OfType<JsonObject>().Select(Pick).ToArray()));
        }
    }

    private static JsonObject Attach(JsonObject to, string schema)
    {
        var extension = new JsonObject();
        ScimJsonAttributes.Set(to, schema, extension);
        return extension;
    }

    private static List<ScimAttributePath> Paths(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => ScimAttributePath.TryParse(name) ?? throw ScimException.InvalidValue($"\"{name}\" is not an attribute name"))
            .ToList();
}
