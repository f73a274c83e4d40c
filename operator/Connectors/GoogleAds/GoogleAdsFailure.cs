using System.Globalization;
using System.Text.Json;

namespace Cerby.Operator.Connectors.GoogleAds;

/// <summary>
/// The first GoogleAdsError of a failed call's google.rpc Status envelope (reference section 8): the error family and
/// value (e.g. customerUserAccessError / LAST_ADMIN_USER_OF_MANAGER), its message, and the retryDelay of a quota error.
/// </summary>
internal sealed record GoogleAdsFailure(string? Family, string? Value, string Message, TimeSpan? RetryDelay, string? RequestId)
{
    /// <summary>"family.VALUE", the connector error's app code; null when the body named none.</summary>
    public string? Code => Family is null ? null : $"{Family}.{Value}";

    /// <summary>Reads the envelope; an unreadable body yields a failure with only the HTTP reason.</summary>
    public static GoogleAdsFailure Parse(string body, string fallback)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            {
                return new(null, null, fallback, null, null);
            }

            var message = Text(error, "message") ?? fallback;
            if (!error.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Array)
            {
                return new(null, null, message, null, null);
            }

            foreach (var detail in details.EnumerateArray())
            {
                if (detail.ValueKind == JsonValueKind.Object && detail.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
                    && errors.GetArrayLength() > 0 && errors[0] is { ValueKind: JsonValueKind.Object } first)
                {
                    var (family, value) = ErrorCode(first);
                    return new(family, value, Text(first, "message") ?? message, RetryDelayOf(first), Text(detail, "requestId"));
                }
            }

            return new(null, null, message, null, null);
        }
        catch (JsonException)
        {
            return new(null, null, fallback, null, null);
        }
    }

    private static (string?, string?) ErrorCode(JsonElement error)
    {
        if (error.TryGetProperty("errorCode", out var code) && code.ValueKind == JsonValueKind.Object)
        {
            foreach (var family in code.EnumerateObject())
            {
                return (family.Name, family.Value.ValueKind == JsonValueKind.String ? family.Value.GetString() : family.Value.ToString());
            }
        }

        return (null, null);
    }

    /// <summary>details.quotaErrorDetails.retryDelay, a protobuf Duration such as "30s" or "1.5s".</summary>
    private static TimeSpan? RetryDelayOf(JsonElement error)
    {
        if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object
            && details.TryGetProperty("quotaErrorDetails", out var quota) && Text(quota, "retryDelay") is { } delay
            && delay.EndsWith('s')
            && double.TryParse(delay.AsSpan(0, delay.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return null;
    }

    private static string? Text(JsonElement item, string field) =>
        item.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
