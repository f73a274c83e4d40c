using System.Globalization;
using System.Text.Json;

namespace Cerby.Operator.Connectors.Meta;

/// <summary>Reads fields of Graph objects strictly: a field the connector asked for and relies on must be there.</summary>
internal static class MetaJson
{
    /// <summary>A required non-empty string field.</summary>
    public static string RequiredString(JsonElement item, string field, string what) =>
        OptionalString(item, field) is { Length: > 0 } value
            ? value
            : throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"Meta returned {what} without \"{field}\"");

    /// <summary>A string field that may be absent.</summary>
    public static string? OptionalString(JsonElement item, string field) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>A required list of strings, e.g. <c>tasks</c>.</summary>
    public static IReadOnlyList<string> RequiredStrings(JsonElement item, string field, string what)
    {
        if (!item.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"Meta returned {what} without a \"{field}\" list");
        }

        return value.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } s
                ? s
                : throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"Meta returned {what} with a \"{field}\" entry that is not a name"))
            .ToList();
    }

    /// <summary>A Graph datetime such as <c>2024-05-31T10:00:00+0000</c> (offset without a colon), or null when absent.</summary>
    public static DateTimeOffset? OptionalTime(JsonElement item, string field, string what)
    {
        if (OptionalString(item, field) is not { } text)
        {
            return null;
        }

        return DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            || DateTimeOffset.TryParseExact(WithOffsetColon(text), "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out parsed)
            ? parsed
            : throw new ConnectorException(ConnectorErrorKind.InvalidResponse, $"Meta returned {what} with an unreadable \"{field}\"");
    }

    private static string WithOffsetColon(string text) =>
        text.Length > 5 && text[^5] is '+' or '-' ? string.Concat(text.AsSpan(0, text.Length - 2), ":", text.AsSpan(text.Length - 2)) : text;
}
