using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cerby.Emulators.TikTok;

/// <summary>A request's parameters: the query of a GET (objects JSON-encoded, e.g. <c>filtering</c>) or the JSON body of a POST.</summary>
internal sealed class TikTokParameters
{
    private readonly Dictionary<string, string?>? query;
    private readonly JsonObject? body;

    public TikTokParameters(Dictionary<string, string?> query) => this.query = query;

    private TikTokParameters(JsonObject body) => this.body = body;

    public static async Task<TikTokParameters> FromBodyAsync(HttpRequest request)
    {
        try
        {
            return new TikTokParameters(await JsonNode.ParseAsync(request.Body).ConfigureAwait(false) as JsonObject
                ?? throw TikTokApiException.Param("the body must be a JSON object"));
        }
        catch (JsonException)
        {
            throw TikTokApiException.Param("the body is not JSON");
        }
    }

    public bool Has(string name) => query?.ContainsKey(name) ?? body!.ContainsKey(name);

    public string? Optional(string name) => query is not null ? query.GetValueOrDefault(name)
        : body!.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public string Required(string name) => Optional(name) is { Length: > 0 } value ? value : throw TikTokApiException.Param($"{name} is required");

    public void RequireBc(string id)
    {
        if (Required("bc_id") != id)
        {
            throw new TikTokApiException(40001, "No permission to operate this Business Center");
        }
    }

    public int Int(string name, int fallback, int max)
    {
        if (Optional(name) is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max
            ? value
            : throw TikTokApiException.Param($"{name} must be between 1 and {max}");
    }

    /// <summary>The JSON-encoded <c>filtering</c> object's string fields.</summary>
    public Dictionary<string, string> Filtering()
    {
        if (Optional("filtering") is not { } text)
        {
            return [];
        }

        try
        {
            return (JsonNode.Parse(text) as JsonObject ?? throw TikTokApiException.Param("filtering must be a JSON object"))
                .Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            throw TikTokApiException.Param("filtering is not valid JSON");
        }
    }

    public IReadOnlyList<string> Strings(string name) =>
        body!.TryGetPropertyValue(name, out var node) && node is JsonArray array
            ? [.. array.Select(e => e?.GetValue<string>() ?? "")]
            : throw TikTokApiException.Param($"{name} must be a list");

    /// <summary>Whether <c>ext_user_role</c> was sent, and its <c>finance_role</c> (an object without one clears it; unverified).</summary>
    public (bool Present, string? Value) FinanceRole()
    {
        if (body is null || !body.TryGetPropertyValue("ext_user_role", out var node) || node is not JsonObject ext)
        {
            return (false, null);
        }

        var finance = ext.TryGetPropertyValue("finance_role", out var f) ? f?.GetValue<string>() : null;
        if (finance is not (null or "MANAGER" or "ANALYST"))
        {
            throw TikTokApiException.Param($"finance_role {finance} is not valid");
        }

        return (true, finance);
    }
}
