using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cerby.Operator.ScimProtocol;

/// <summary>
/// A parsed SCIM filter (RFC 7644 §3.4.2.2), evaluated against a resource or, inside a value path such as
/// <c>members[value eq "…"]</c>, against one element of a multi-valued attribute. Strings compare case-insensitively
/// except for caseExact attributes (id, externalId).
/// </summary>
internal abstract record ScimFilter
{
    public abstract bool Matches(JsonObject resource);

    /// <summary>The single <c>attr eq "value"</c> this filter is, if it is one (used to create a missing element).</summary>
    public virtual (string Attribute, JsonNode? Value)? AsEquality() => null;
}

internal sealed record ScimAndFilter(ScimFilter Left, ScimFilter Right) : ScimFilter
{
    public override bool Matches(JsonObject resource) => Left.Matches(resource) && Right.Matches(resource);
}

internal sealed record ScimOrFilter(ScimFilter Left, ScimFilter Right) : ScimFilter
{
    public override bool Matches(JsonObject resource) => Left.Matches(resource) || Right.Matches(resource);
}

internal sealed record ScimNotFilter(ScimFilter Inner) : ScimFilter
{
    public override bool Matches(JsonObject resource) => !Inner.Matches(resource);
}

/// <summary><c>emails[type eq "work"]</c>: some element of the multi-valued attribute matches the inner filter.</summary>
internal sealed record ScimValuePathFilter(ScimAttributePath Path, ScimFilter Inner) : ScimFilter
{
    public override bool Matches(JsonObject resource) =>
        Path.Values(resource).SelectMany(v => v is JsonArray a ? a.ToList() : [v]).OfType<JsonObject>().Any(Inner.Matches);
}

/// <summary><c>attr pr</c> and <c>attr op value</c>.</summary>
internal sealed record ScimCompareFilter(ScimAttributePath Path, string Operator, JsonNode? Value) : ScimFilter
{
    public override bool Matches(JsonObject resource)
    {
        var values = Path.Values(resource).Select(Implied).Where(v => v is not null && v.GetValueKind() != JsonValueKind.Null).ToList();
        return Operator switch
        {
            "pr" => values.Any(v => v is not JsonArray { Count: 0 } && !(v is JsonValue s && s.GetValueKind() == JsonValueKind.String && s.GetValue<string>().Length == 0)),
            "eq" when IsNull(Value) => values.Count == 0,
            "ne" when IsNull(Value) => values.Count > 0,
            "ne" => !values.Any(v => Compare(v, "eq")),
            _ => values.Any(v => Compare(v, Operator)),
        };
    }

    public override (string Attribute, JsonNode? Value)? AsEquality() =>
        Operator == "eq" && Path is { Schema: null, Attribute: { } name, SubAttribute: null } ? (name, Value) : null;

    /// <summary>A complex multi-valued element compared directly stands for its "value" (RFC 7644 §3.4.2.2).</summary>
    private static JsonNode? Implied(JsonNode? node) => node is JsonObject complex ? ScimJsonAttributes.Get(complex, "value") : node;

    private static bool IsNull(JsonNode? node) => node is null || node.GetValueKind() == JsonValueKind.Null;

    private bool Compare(JsonNode? actual, string op)
    {
        if (actual is not JsonValue value || Value is not JsonValue expected)
        {
            return false;
        }

        int? order = (value.GetValueKind(), expected.GetValueKind()) switch
        {
            (JsonValueKind.String, JsonValueKind.String) => null,
            (JsonValueKind.Number, JsonValueKind.Number) => value.GetValue<decimal>().CompareTo(expected.GetValue<decimal>()),
            (JsonValueKind.True or JsonValueKind.False, JsonValueKind.True or JsonValueKind.False) =>
                value.GetValue<bool>() == expected.GetValue<bool>() ? 0 : 1,
            (JsonValueKind.True or JsonValueKind.False, JsonValueKind.String) when bool.TryParse(expected.GetValue<string>(), out var b) =>
                value.GetValue<bool>() == b ? 0 : 1,
            _ => int.MinValue,
        };
        if (order == int.MinValue)
        {
            return false;
        }

        if (order is { } ordered)
        {
            return op switch
            {
                "eq" => ordered == 0,
                "gt" => ordered > 0,
                "ge" => ordered >= 0,
                "lt" => ordered < 0,
                "le" => ordered <= 0,
                _ => false,
            };
        }

        var comparison = Path.CaseExact ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var left = value.GetValue<string>();
        var right = expected.GetValue<string>();
        return op switch
        {
            "eq" => string.Equals(left, right, comparison),
            "co" => left.Contains(right, comparison),
            "sw" => left.StartsWith(right, comparison),
            "ew" => left.EndsWith(right, comparison),
            "gt" => string.Compare(left, right, CultureInfo.InvariantCulture, Options(comparison)) > 0,
            "ge" => string.Compare(left, right, CultureInfo.InvariantCulture, Options(comparison)) >= 0,
            "lt" => string.Compare(left, right, CultureInfo.InvariantCulture, Options(comparison)) < 0,
            "le" => string.Compare(left, right, CultureInfo.InvariantCulture, Options(comparison)) <= 0,
            _ => false,
        };
    }

    private static CompareOptions Options(StringComparison comparison) =>
        comparison == StringComparison.Ordinal ? CompareOptions.Ordinal : CompareOptions.OrdinalIgnoreCase;
}
