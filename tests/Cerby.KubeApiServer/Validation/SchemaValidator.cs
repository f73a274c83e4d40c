using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cerby.KubeApiServer.Json;

namespace Cerby.KubeApiServer.Validation;

/// <summary>
/// Validates a value against a CRD schema: type, nullable, enum, pattern, min/maxLength, minimum/maximum,
/// min/maxItems, required, list-type set/map uniqueness, and CEL <c>x-kubernetes-validations</c>.
/// Error wording follows the apiserver's.
/// </summary>
internal sealed class SchemaValidator(CrdSchema schema)
{
    private readonly List<FieldError> errors = [];

    /// <summary>Validates a custom resource's top-level fields other than apiVersion, kind and metadata.</summary>
    public static IReadOnlyList<FieldError> ValidateObject(JsonObject obj, CrdSchema schema)
    {
        var validator = new SchemaValidator(schema);
        var properties = SchemaKeywords.Properties(schema.Root);
        foreach (var (name, value) in obj)
        {
            if (name is not ("apiVersion" or "kind" or "metadata") && properties?[name] is JsonObject childSchema)
            {
                validator.Validate(value, childSchema, name);
            }
        }

        foreach (var required in RequiredFields(schema.Root).Where(name => !obj.ContainsKey(name)))
        {
            validator.errors.Add(FieldError.Required(required));
        }

        return validator.errors;
    }

    private void Validate(JsonNode? value, JsonObject node, string path)
    {
        var before = errors.Count;
        if (value is null)
        {
            if (!SchemaKeywords.Flag(node, "nullable"))
            {
                errors.Add(FieldError.TypeInvalid(path, "null", SchemaKeywords.Type(node) ?? "object"));
            }

            return;
        }

        if (!HasExpectedType(value, node))
        {
            errors.Add(FieldError.TypeInvalid(path, TypeName(value), SchemaKeywords.Type(node)!));
            return;
        }

        CheckEnum(value, node, path);
        switch (value)
        {
            case JsonObject obj:
                CheckObject(obj, node, path);
                break;
            case JsonArray array:
                CheckArray(array, node, path);
                break;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String:
                CheckString(scalar.GetValue<string>(), scalar, node, path);
                break;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.Number:
                CheckNumber(JsonObjects.Number(scalar), scalar, node, path);
                break;
        }

        if (errors.Count == before)
        {
            CheckRules(value, node, path);
        }
    }

    private void CheckObject(JsonObject obj, JsonObject node, string path)
    {
        foreach (var name in RequiredFields(node).Where(name => obj[name] is null))
        {
            errors.Add(FieldError.Required(SchemaPruner.Join(path, name)));
        }

        var properties = SchemaKeywords.Properties(node);
        var valueSchema = SchemaKeywords.AdditionalProperties(node);
        foreach (var (name, child) in obj)
        {
            if ((properties?[name] as JsonObject ?? valueSchema) is { } childSchema)
            {
                Validate(child, childSchema, SchemaPruner.Join(path, name));
            }
        }
    }

    private void CheckArray(JsonArray array, JsonObject node, string path)
    {
        if (Number(node, "maxItems") is { } maxItems && array.Count > maxItems)
        {
            errors.Add(FieldError.TooMany(path, array.Count, (long)maxItems));
        }

        if (Number(node, "minItems") is { } minItems && array.Count < minItems)
        {
            errors.Add(FieldError.Invalid(path, array.Count, $"{path} in body should have at least {minItems} items"));
        }

        if (SchemaKeywords.Items(node) is { } itemSchema)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Validate(array[i], itemSchema, $"{path}[{i}]");
            }
        }

        CheckListUniqueness(array, node, path);
    }

    private void CheckListUniqueness(JsonArray array, JsonObject node, string path)
    {
        var listType = node["x-kubernetes-list-type"]?.GetValue<string>();
        var keys = listType switch
        {
            "set" => null,
            "map" => (node["x-kubernetes-list-map-keys"] as JsonArray ?? []).Select(key => key!.GetValue<string>()).ToList(),
            _ => [],
        };
        if (keys is { Count: 0 })
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var identity = keys is null
                ? array[i]
                : new JsonObject(keys.Select(key => KeyValuePair.Create(key, (array[i] as JsonObject)?[key]?.DeepClone())));
            if (!seen.Add(identity?.ToJsonString() ?? "null"))
            {
                errors.Add(FieldError.Duplicate($"{path}[{i}]", identity));
            }
        }
    }

    private void CheckString(string text, JsonNode value, JsonObject node, string path)
    {
        var length = text.EnumerateRunes().Count();
        if (Number(node, "maxLength") is { } maxLength && length > maxLength)
        {
            errors.Add(FieldError.TooLong(path, (long)maxLength));
        }

        if (Number(node, "minLength") is { } minLength && length < minLength)
        {
            errors.Add(FieldError.Invalid(path, value, $"{path} in body should be at least {minLength} chars long"));
        }

        if (node["pattern"]?.GetValue<string>() is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add(FieldError.Invalid(path, value, $"{path} in body should match '{pattern}'"));
        }
    }

    private void CheckNumber(double number, JsonNode value, JsonObject node, string path)
    {
        if (Number(node, "maximum") is { } maximum)
        {
            var exclusive = SchemaKeywords.Flag(node, "exclusiveMaximum");
            if (exclusive ? number >= maximum : number > maximum)
            {
                errors.Add(FieldError.Invalid(path, value, $"{path} in body should be less than {(exclusive ? "" : "or equal to ")}{Format(maximum)}"));
            }
        }

        if (Number(node, "minimum") is { } minimum)
        {
            var exclusive = SchemaKeywords.Flag(node, "exclusiveMinimum");
            if (exclusive ? number <= minimum : number < minimum)
            {
                errors.Add(FieldError.Invalid(path, value, $"{path} in body should be greater than {(exclusive ? "" : "or equal to ")}{Format(minimum)}"));
            }
        }
    }

    private void CheckEnum(JsonNode value, JsonObject node, string path)
    {
        if (node["enum"] is JsonArray allowed && !allowed.Any(candidate => JsonNode.DeepEquals(candidate, value)))
        {
            errors.Add(FieldError.NotSupported(path, value, allowed));
        }
    }

    private void CheckRules(JsonNode value, JsonObject node, string path)
    {
        foreach (var (source, message) in SchemaKeywords.Validations(node))
        {
            string? failure;
            try
            {
                failure = schema.Rule(source).IsSatisfiedBy(value) ? null : message.Length > 0 ? message : $"failed rule: {source}";
            }
            catch (CelEvaluationException error)
            {
                failure = $"{error.Message} evaluating rule: {source}";
            }

            if (failure is not null)
            {
                errors.Add(FieldError.Invalid(path, TypeName(value), failure));
            }
        }
    }

    private static bool HasExpectedType(JsonNode value, JsonObject node)
    {
        var kind = value.GetValueKind();
        if (SchemaKeywords.IntOrString(node))
        {
            return kind == JsonValueKind.String || IsInteger(value);
        }

        return SchemaKeywords.Type(node) switch
        {
            null => true,
            "object" => kind == JsonValueKind.Object,
            "array" => kind == JsonValueKind.Array,
            "string" => kind == JsonValueKind.String,
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "number" => kind == JsonValueKind.Number,
            "integer" => IsInteger(value),
            _ => false,
        };
    }

    private static bool IsInteger(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.Number && JsonObjects.Number(value) is var number && Math.Floor(number) == number;

    private static string TypeName(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => IsInteger(value) ? "integer" : "number",
        _ => "null",
    };

    private static IEnumerable<string> RequiredFields(JsonObject node) =>
        (node["required"] as JsonArray ?? []).Select(name => name!.GetValue<string>());

    private static double? Number(JsonObject node, string keyword) => node[keyword] is { } value ? JsonObjects.Number(value) : null;

    private static string Format(double number) => number.ToString(CultureInfo.InvariantCulture);
}
