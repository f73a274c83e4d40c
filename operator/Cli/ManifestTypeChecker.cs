using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Cerby.Operator.Cli;

/// <summary>
/// Checks a document against the C# type it is read into, reporting every problem at once rather than the first
/// one deserialization would throw: unknown fields, missing required fields, values of the wrong type, enum values
/// outside the allowed set. Null fields must have been pruned first (<see cref="NullFields"/>).
/// </summary>
internal static class ManifestTypeChecker
{
    /// <summary>Every mismatch between the document and <paramref name="type"/>.</summary>
    public static IReadOnlyList<ManifestError> Check(ManifestDocument document, Type type)
    {
        var errors = new List<ManifestError>();
        Visit(document, document.Root, "", type, errors);
        return errors;
    }

    private static void Visit(ManifestDocument document, JsonNode? node, string path, Type type, List<ManifestError> errors)
    {
        var info = ManifestJson.Options.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                VisitObject(document, node, path, info, errors);
                break;
            case JsonTypeInfoKind.Enumerable when node is JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Visit(document, array[i], JsonPaths.Item(path, i), info.ElementType!, errors);
                }

                break;
            case JsonTypeInfoKind.Dictionary when node is JsonObject map:
                foreach (var (key, value) in map)
                {
                    Visit(document, value, JsonPaths.Property(path, key), info.ElementType!, errors);
                }

                break;
            case JsonTypeInfoKind.Enumerable:
                errors.Add(document.Error(path, $"expected a list, got {Describe(node)}"));
                break;
            case JsonTypeInfoKind.Dictionary:
                errors.Add(document.Error(path, $"expected a mapping, got {Describe(node)}"));
                break;
            default:
                VisitValue(document, node, path, Nullable.GetUnderlyingType(type) ?? type, errors);
                break;
        }
    }

    private static void VisitObject(ManifestDocument document, JsonNode? node, string path, JsonTypeInfo info, List<ManifestError> errors)
    {
        if (node is not JsonObject obj)
        {
            errors.Add(document.Error(path, $"expected a mapping, got {Describe(node)}"));
            return;
        }

        var properties = info.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            var child = JsonPaths.Property(path, key);
            if (properties.TryGetValue(key, out var property))
            {
                Visit(document, value, child, property.PropertyType, errors);
            }
            else
            {
                errors.Add(document.Error(child, $"unknown field; known fields here: {string.Join(", ", properties.Keys)}"));
            }
        }

        foreach (var property in info.Properties.Where(p => IsRequired(p) && !obj.ContainsKey(p.Name)))
        {
            errors.Add(document.Error(JsonPaths.Property(path, property.Name), "required field is missing"));
        }
    }

    private static bool IsRequired(JsonPropertyInfo property) =>
        property.IsRequired || property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true;

    private static void VisitValue(ManifestDocument document, JsonNode? node, string path, Type type, List<ManifestError> errors)
    {
        if (type == typeof(object))
        {
            return;
        }

        if (type.IsEnum)
        {
            var allowed = EnumNames(type);
            if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String || !allowed.Contains(value.GetValue<string>()))
            {
                var got = node is JsonValue { } text && text.GetValueKind() == JsonValueKind.String ? $"unknown value \"{text.GetValue<string>()}\"" : $"got {Describe(node)}";
                errors.Add(document.Error(path, $"{got}; expected one of {string.Join(", ", allowed)}"));
            }

            return;
        }

        if (node is null || !Reads(node, type))
        {
            var hint = type == typeof(string) && node?.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
                ? " (quote it to make it a string)"
                : "";
            errors.Add(document.Error(path, $"expected {Expected(type)}, got {Describe(node)}{hint}"));
        }
    }

    private static bool Reads(JsonNode node, Type type)
    {
        try
        {
            node.Deserialize(type, ManifestJson.Options);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>An enum's JSON names: its [JsonStringEnumMemberName] names, or the member names.</summary>
    private static IReadOnlyList<string> EnumNames(Type enumType) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name)
            .ToList();

    private static string Expected(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.String => "a string",
        TypeCode.Boolean => "true or false",
        TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 => "an integer",
        TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
        TypeCode.DateTime => "an RFC 3339 time",
        _ when type == typeof(DateTimeOffset) => "an RFC 3339 time",
        _ => type.Name,
    };

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "a mapping",
        JsonArray => "a list",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => $"the string \"{node.GetValue<string>()}\"",
            JsonValueKind.Number => $"the number {node.ToJsonString()}",
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            var kind => kind.ToString().ToLower(CultureInfo.InvariantCulture),
        },
    };
}
