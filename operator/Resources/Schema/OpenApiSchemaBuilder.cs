using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Cerby.Operator.Resources.Schema;

/// <summary>
/// Builds the structural OpenAPI v3 schema of a custom resource from its C# types: JSON names from
/// <see cref="JsonPropertyNameAttribute"/>, descriptions from XML docs, validation from DataAnnotations and the
/// markers of SchemaAttributes.cs (<see cref="CelRuleAttribute"/>, <see cref="ListMapKeysAttribute"/>, ...).
/// </summary>
internal sealed class OpenApiSchemaBuilder(XmlDocs docs)
{
    /// <summary>The schema of a whole resource: apiVersion, kind, metadata, spec (required) and status.</summary>
    public V1JSONSchemaProps ForKind(Type kind)
    {
        var resourceBase = ResourceBase(kind);
        var root = NewObject(RequireSummary(kind), CelRules(kind));
        root.Required = ["spec"];

        // The base class declares the envelope; the kind only overrides Kind.
        foreach (var property in DataProperties(resourceBase))
        {
            root.Properties.Add(JsonName(property), property.PropertyType switch
            {
                // The API server owns metadata's schema; a CRD may only say it is an object.
                var type when type == typeof(V1ObjectMeta) => new V1JSONSchemaProps { Type = "object", Description = RequireSummary(property) },
                // spec and status take the description of their type, which says more than "The desired state."
                var type when type == resourceBase.GenericTypeArguments[0] || type == resourceBase.GenericTypeArguments[1]
                    => ForObject(type, RequireSummary(type)),
                _ => ForProperty(property),
            });
        }

        return root;
    }

    private V1JSONSchemaProps ForObject(Type type, string description)
    {
        var schema = NewObject(description, CelRules(type));
        var required = new List<string>();
        foreach (var property in DataProperties(type))
        {
            var name = JsonName(property);
            schema.Properties.Add(name, ForProperty(property));
            if (property.IsDefined(typeof(RequiredAttribute)))
            {
                required.Add(name);
            }
        }

        schema.Required = required.Count > 0 ? required : null;
        return schema;
    }

    private V1JSONSchemaProps ForProperty(PropertyInfo property)
    {
        var schema = ForType(property.PropertyType, RequireSummary(property), property);
        ApplyLengths(schema, property);
        ApplyPattern(schema, property);
        ApplyRange(schema, property);
        ApplyListType(schema, property);
        if (property.GetCustomAttribute<FormatAttribute>() is { } format)
        {
            schema.Format = format.Format;
        }

        if (property.IsDefined(typeof(DefaultedAttribute)))
        {
            schema.DefaultProperty = DefaultOf(property);
        }

        var rules = CelRules(property);
        if (rules.Count > 0)
        {
            schema.XKubernetesValidations = [.. schema.XKubernetesValidations ?? [], .. rules];
        }

        return schema;
    }

    // description is null for list items and map values: objects there take their type's summary, scalars stay
    // undescribed as they say nothing beyond their field.
    private V1JSONSchemaProps ForType(Type type, string? description, PropertyInfo owner)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return new V1JSONSchemaProps { Type = "string", Description = description };
        }

        if (type == typeof(bool))
        {
            return new V1JSONSchemaProps { Type = "boolean", Description = description };
        }

        if (type == typeof(int))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = "int32", Description = description };
        }

        if (type == typeof(long))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = "int64", Description = description };
        }

        if (type == typeof(DateTimeOffset))
        {
            return new V1JSONSchemaProps { Type = "string", Format = "date-time", Description = description };
        }

        if (type.IsEnum)
        {
            return new V1JSONSchemaProps { Type = "string", Description = description, EnumProperty = EnumValues(type) };
        }

        if (GenericInterfaceArguments(type, typeof(IDictionary<,>)) is [var key, var value])
        {
            if (key != typeof(string))
            {
                throw Unsupported(owner, $"dictionary keys of type {key.Name}; JSON object keys are strings");
            }

            return new V1JSONSchemaProps { Type = "object", Description = description, AdditionalProperties = ForType(value, null, owner) };
        }

        if (ItemType(type) is { } item)
        {
            return new V1JSONSchemaProps { Type = "array", Description = description, Items = ForType(item, null, owner) };
        }

        if (type.IsClass)
        {
            return ForObject(type, description ?? RequireSummary(type));
        }

        throw Unsupported(owner, $"type {type.Name}");
    }

    // The item type of an array or other enumerable (dictionaries are handled before, as maps).
    private static Type? ItemType(Type type) =>
        type.IsArray ? type.GetElementType() : GenericInterfaceArguments(type, typeof(IEnumerable<>)) is [var item] ? item : null;

    private static void ApplyLengths(V1JSONSchemaProps schema, PropertyInfo property)
    {
        var min = property.GetCustomAttribute<MinLengthAttribute>()?.Length;
        var max = property.GetCustomAttribute<MaxLengthAttribute>()?.Length;
        if (min is null && max is null)
        {
            return;
        }

        switch (schema.Type)
        {
            case "string":
                schema.MinLength = min;
                schema.MaxLength = max;
                break;
            case "array":
                schema.MinItems = min;
                schema.MaxItems = max;
                break;
            default:
                throw Unsupported(property, $"[MinLength]/[MaxLength] on a {schema.Type}");
        }
    }

    private static void ApplyPattern(V1JSONSchemaProps schema, PropertyInfo property)
    {
        if (property.GetCustomAttribute<RegularExpressionAttribute>() is not { } pattern)
        {
            return;
        }

        if (schema.Type != "string")
        {
            throw Unsupported(property, $"[RegularExpression] on a {schema.Type}");
        }

        schema.Pattern = pattern.Pattern;
    }

    private static void ApplyRange(V1JSONSchemaProps schema, PropertyInfo property)
    {
        if (property.GetCustomAttribute<RangeAttribute>() is not { } range)
        {
            return;
        }

        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var (typeMin, typeMax) = type == typeof(int) ? (int.MinValue, int.MaxValue)
            : type == typeof(long) ? (long.MinValue, long.MaxValue)
            : throw Unsupported(property, $"[Range] on a {type.Name}");

        // A bound at the CLR type's own limit (e.g. [Range(0, long.MaxValue)]) restricts nothing, and as an
        // OpenAPI double it would print as a rounded 9223372036854780000.0; it is left out.
        var minimum = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
        var maximum = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
        schema.Minimum = minimum <= typeMin ? null : minimum;
        schema.Maximum = maximum >= typeMax ? null : maximum;
    }

    private static void ApplyListType(V1JSONSchemaProps schema, PropertyInfo property)
    {
        if (property.GetCustomAttribute<ListMapKeysAttribute>() is { } map)
        {
            if (schema.Items is not V1JSONSchemaProps { Type: "object" } item)
            {
                throw Unsupported(property, "[ListMapKeys] on anything but a list of objects");
            }

            // The API server rejects a CRD whose list-map keys are neither required nor defaulted.
            var optional = map.Keys.Where(key => item.Required?.Contains(key) != true).ToList();
            if (optional.Count > 0)
            {
                throw new InvalidOperationException(
                    $"{Owner(property)}: list-map keys must be required properties of the item; not required: {string.Join(", ", optional)}.");
            }

            schema.XKubernetesListType = "map";
            schema.XKubernetesListMapKeys = [.. map.Keys];
        }

        if (property.IsDefined(typeof(ListSetAttribute)))
        {
            if (schema.Items is not V1JSONSchemaProps { Type: "string" or "integer" or "boolean" })
            {
                throw Unsupported(property, "[ListSet] on anything but a list of scalars");
            }

            schema.XKubernetesListType = "set";
        }
    }

    private static V1JSONSchemaProps NewObject(string description, List<V1ValidationRule> rules) => new()
    {
        Type = "object",
        Description = description,
        // Keeps the declaration order of the properties in the generated YAML.
        Properties = new OrderedDictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal),
        XKubernetesValidations = rules.Count > 0 ? rules : null,
    };

    private static List<V1ValidationRule> CelRules(MemberInfo member) =>
        [.. member.GetCustomAttributes<CelRuleAttribute>().Select(rule => new V1ValidationRule { Rule = rule.Rule, Message = rule.Message })];

    // The initializer of a fresh instance is the one source of the default; enums are written by their JSON names,
    // and an object defaults to {} so that the API server applies its fields' own defaults.
    private static object DefaultOf(PropertyInfo property)
    {
        var value = property.GetValue(Activator.CreateInstance(property.DeclaringType!))
            ?? throw new InvalidOperationException($"{Owner(property)} is [Defaulted] but its initializer is null.");
        return value switch
        {
            Enum => value.GetType().GetField(value.ToString()!)!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? value.ToString()!,
            string or bool or int or long => value,
            _ => new Dictionary<string, object>(),
        };
    }

    private static List<object> EnumValues(Type type) =>
    [
        .. type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .OrderBy(field => field.MetadataToken)
            .Select(field => field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name),
    ];

    // Public instance properties in declaration order (metadata tokens follow the source), without [JsonIgnore] ones.
    private static IEnumerable<PropertyInfo> DataProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(property => !property.IsDefined(typeof(JsonIgnoreAttribute)))
            .OrderBy(property => property.MetadataToken);

    private static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
        ?? throw new InvalidOperationException($"{Owner(property)} has no [JsonPropertyName]; the CRD generator does not guess JSON names.");

    private string RequireSummary(PropertyInfo property) =>
        docs.Summary(property)
        ?? throw new InvalidOperationException(
            $"{Owner(property)} has no XML doc <summary>; the CRD generator uses it as the field's description.");

    private string RequireSummary(Type type) =>
        docs.Summary(type)
        ?? throw new InvalidOperationException(
            $"Type {type.FullName} has no XML doc <summary>; the CRD generator uses it as the object's description.");

    private static Type ResourceBase(Type kind)
    {
        for (var type = kind.BaseType; type is not null; type = type.BaseType)
        {
            if (type.IsConstructedGenericType && type.GetGenericTypeDefinition() == typeof(CustomResource<,>))
            {
                return type;
            }
        }

        throw new ArgumentException($"{kind.FullName} does not derive from CustomResource<TSpec, TStatus>.", nameof(kind));
    }

    private static Type[] GenericInterfaceArguments(Type type, Type genericInterface) =>
        (type.IsInterface ? type.GetInterfaces().Append(type) : type.GetInterfaces())
            .FirstOrDefault(candidate => candidate.IsConstructedGenericType && candidate.GetGenericTypeDefinition() == genericInterface)
            ?.GenericTypeArguments ?? [];

    private static string Owner(PropertyInfo property) => $"{property.DeclaringType!.FullName}.{property.Name}";

    private static NotSupportedException Unsupported(PropertyInfo property, string what) =>
        new($"{Owner(property)}: the CRD generator does not support {what}.");
}
