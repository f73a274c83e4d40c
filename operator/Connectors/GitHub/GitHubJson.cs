using System.Globalization;
using System.Text.Json;

namespace Cerby.Operator.Connectors.GitHub;

/// <summary>Reads the fields the connector needs from GitHub objects, failing as InvalidResponse when one is missing.</summary>
internal static class GitHubJson
{
    /// <summary>A list item's identity: the user's <c>login</c>, else an invitation's <c>id</c>.</summary>
    public static string Login(JsonElement item, string what) =>
        Text(item, "login") ?? (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number
            ? $"#{id.GetRawText()}"
            : throw Invalid(what, "an item without login or id"));

    /// <summary>A required numeric <c>id</c>, as text.</summary>
    public static string Id(JsonElement item, string what) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number
            ? id.GetRawText()
            : throw Invalid(what, "no numeric \"id\"");

    /// <summary>A required string field.</summary>
    public static string Required(JsonElement item, string name, string what) => Text(item, name) ?? throw Invalid(what, $"no \"{name}\"");

    /// <summary>An optional string field.</summary>
    public static string? Text(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>An optional non-negative whole number field.</summary>
    public static int? Count(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt32(out var count) && count >= 0 ? count : null;

    /// <summary>An optional timestamp field.</summary>
    public static DateTimeOffset? Time(JsonElement item, string name) =>
        Text(item, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    private static ConnectorException Invalid(string what, string problem) =>
        new(ConnectorErrorKind.InvalidResponse, $"GitHub answered {what} with {problem}");
}
