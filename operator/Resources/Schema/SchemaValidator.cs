using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;

namespace Cerby.Operator.Resources.Schema;

/// <summary>One schema violation: where it is and what is wrong, as the Kubernetes API server words it.</summary>
/// <param name="Path">The field, e.g. <c>spec.roles[1].name</c>; map entries read <c>spec.membersByRole[Admin]</c>.</param>
/// <param name="Message">E.g. <c>Required value</c> or <c>Unsupported value: "owner": supported values: "report", "enforce"</c>.</param>
internal sealed record SchemaError(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}

/// <summary>
/// Checks a custom resource against the OpenAPI v3 schema of its CRD, as the API server would on create or update:
/// types, required fields, enums, patterns, lengths, bounds, item counts, unknown fields (the strict field validation
/// kubectl asks for), the date-time format and the uniqueness of list-map keys and set items.
/// </summary>
/// <remarks>
/// It does NOT evaluate CEL rules (<c>x-kubernetes-validations</c>); only an API server does. Of <c>metadata</c> it only
/// checks that it is an object, as the API server validates metadata itself. Patterns run on .NET regular expressions,
/// which agree with the API server's RE2 on the patterns the cerby schemas use.
/// </remarks>
internal static class SchemaValidator
{
    // Shows values as they were written: without the default encoder's \u0027-style escapes.
    private static readonly JsonSerializerOptions Display = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>All violations of <paramref name="schema"/> in <paramref name="resource"/>, depth-first in document order, an object's missing required fields first; empty when valid.</summary>
    public static IReadOnlyList<SchemaError> Validate(JsonNode resource, V1JSONSchemaProps schema)
    {
        var errors = new List<SchemaError>();
        ValidateValue(resource, schema, "", errors);
        return errors;
    }

    private static void ValidateValue(JsonNode? value, V1JSONSchemaProps schema, string path, List<SchemaError> errors)
    {
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        if (!HasType(value, kind, schema.Type))
        {
            errors.Add(TypeMismatch(path, kind, schema.Type!));
            return;
        }

        switch (value)
        {
            case JsonObject obj:
                ValidateObject(obj, schema, path, errors);
                break;
            case JsonArray array:
                ValidateArray(array, schema, path, errors);
                break;
            case JsonValue when kind == JsonValueKind.String:
                ValidateString(value.GetValue<string>(), schema, path, errors);
                break;
            case JsonValue when kind == JsonValueKind.Number:
                ValidateNumber(value, schema, path, errors);
                break;
        }

        if (schema.EnumProperty is { Count: > 0 } allowed
            && !allowed.Any(option => JsonNode.DeepEquals(JsonSerializer.SerializeToNode(option), value)))
        {
            var supported = string.Join(", ", allowed.Select(option => JsonSerializer.Serialize(option, Display)));
            errors.Add(new(path, $"Unsupported value: {Show(value)}: supported values: {supported}"));
        }
    }

    private static void ValidateObject(JsonObject obj, V1JSONSchemaProps schema, string path, List<SchemaError> errors)
    {
        foreach (var name in schema.Required ?? [])
        {
            if (obj[name] is null)
            {
                errors.Add(new(Child(path, name), "Required value"));
            }
        }

        var additional = AsSchema(schema.AdditionalProperties, path);
        foreach (var (name, value) in obj)
        {
            // The API server prunes null values of non-nullable fields (none of ours is nullable) before validating.
            if (value is null)
            {
                continue;
            }

            if (schema.Properties?.TryGetValue(name, out var property) == true)
            {
                // The API server validates metadata itself; a CRD schema may only say it is an object.
                if (path.Length == 0 && name == "metadata")
                {
                    if (value is not JsonObject)
                    {
                        errors.Add(TypeMismatch(name, value.GetValueKind(), "object"));
                    }
                }
                else
                {
                    ValidateValue(value, property, Child(path, name), errors);
                }
            }
            else if (additional is not null)
            {
                ValidateValue(value, additional, $"{path}[{name}]", errors);
            }
            else
            {
                errors.Add(new(Child(path, name), $"unknown field \"{name}\""));
            }
        }
    }

    private static void ValidateArray(JsonArray array, V1JSONSchemaProps schema, string path, List<SchemaError> errors)
    {
        if (array.Count > schema.MaxItems)
        {
            errors.Add(new(path, $"Too many: {array.Count}: must have at most {schema.MaxItems} items"));
        }

        if (array.Count < schema.MinItems)
        {
            errors.Add(new(path, $"Invalid value: {array.Count}: should have at least {schema.MinItems} items"));
        }

        if (AsSchema(schema.Items, path) is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                ValidateValue(array[i], items, $"{path}[{i}]", errors);
            }
        }

        // Identity of an item: its key fields for a list-map, the whole value for a set.
        Func<JsonNode?, string>? identity = schema.XKubernetesListType switch
        {
            "map" => item => Show(new JsonObject(schema.XKubernetesListMapKeys.Select(key =>
                KeyValuePair.Create(key, item is JsonObject obj ? obj[key]?.DeepClone() : null)))),
            "set" => Show,
            _ => null,
        };
        if (identity is null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var id = identity(array[i]);
            if (!seen.Add(id))
            {
                errors.Add(new($"{path}[{i}]", $"Duplicate value: {id}"));
            }
        }
    }

    private static void ValidateString(string text, V1JSONSchemaProps schema, string path, List<SchemaError> errors)
    {
        // OpenAPI lengths count characters (code points), not UTF-16 units or bytes.
        var length = text.EnumerateRunes().Count();
        var shown = JsonSerializer.Serialize(text, Display);
        if (length > schema.MaxLength)
        {
            errors.Add(new(path, $"Too long: may not be longer than {schema.MaxLength}"));
        }

        if (length < schema.MinLength)
        {
            errors.Add(new(path, $"Invalid value: {shown}: should be at least {schema.MinLength} chars long"));
        }

        if (schema.Pattern is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant))
        {
            errors.Add(new(path, $"Invalid value: {shown}: should match '{pattern}'"));
        }

        // Other formats (int32, int64) the API server does not check on strings, or not at all.
        if (schema.Format == "date-time" && !IsDateTime(text))
        {
            errors.Add(new(path, $"Invalid value: {shown}: must be of type date-time"));
        }
    }

    private static void ValidateNumber(JsonNode value, V1JSONSchemaProps schema, string path, List<SchemaError> errors)
    {
        var number = NumberOf(value);
        if (number < schema.Minimum)
        {
            errors.Add(new(path, $"Invalid value: {Show(value)}: should be greater than or equal to {schema.Minimum}"));
        }

        if (number > schema.Maximum)
        {
            errors.Add(new(path, $"Invalid value: {Show(value)}: should be less than or equal to {schema.Maximum}"));
        }
    }

    private static bool HasType(JsonNode? value, JsonValueKind kind, string? type) => type switch
    {
        null => true,
        "object" => kind == JsonValueKind.Object,
        "array" => kind == JsonValueKind.Array,
        "string" => kind == JsonValueKind.String,
        "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
        "number" => kind == JsonValueKind.Number,
        // 3 and 3.0 are both integers to the API server; 3.5 is not.
        "integer" => kind == JsonValueKind.Number && double.IsInteger(NumberOf(value!)),
        _ => throw new NotSupportedException($"Schema type '{type}' is not supported."),
    };

    private static double NumberOf(JsonNode value) =>
        double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    // RFC 3339, as the API server's date-time format accepts it.
    private static bool IsDateTime(string text) =>
        Regex.IsMatch(text, @"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static SchemaError TypeMismatch(string path, JsonValueKind actual, string expected)
    {
        var actualType = actual switch
        {
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => actual.ToString().ToLowerInvariant(),
        };
        return new SchemaError(path, $"Invalid value: \"{actualType}\": must be of type {expected}");
    }

    private static string Show(JsonNode? value) => value?.ToJsonString(Display) ?? "null";

    private static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    // items and additionalProperties are typed object in the client model; the generator only puts schemas there.
    private static V1JSONSchemaProps? AsSchema(object? items, string path) => items switch
    {
        null => null,
        V1JSONSchemaProps schema => schema,
        _ => throw new NotSupportedException($"{path}: a schema of type {items.GetType().Name} is not supported."),
    };
}
