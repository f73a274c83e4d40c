using System.Net.Http.Headers;
using System.Text.Json;
using Cerby.Operator.HttpEdge;

namespace Cerby.Operator.Connectors.Meta;

/// <summary>
/// How long Meta asks a throttled caller to wait: the largest <c>estimated_time_to_regain_access</c> (minutes) in
/// <c>X-Business-Use-Case-Usage</c> (reference section 8), or an HTTP <c>Retry-After</c> (seconds or a date), whichever is longer.
/// </summary>
internal static class MetaThrottleHeaders
{
    private const string BusinessUseCaseUsage = "X-Business-Use-Case-Usage";

    /// <summary>The wait the response asks for; null when it names none (then the caller's own backoff applies).</summary>
    public static TimeSpan? RequestedWait(HttpResponseMessage response, DateTimeOffset now)
    {
        var fromUsage = RegainAccessWait(response.Headers);
        var retryAfter = RetryAfterHeader.Parse(response, now);
        return (fromUsage, retryAfter) switch
        {
            (null, null) => null,
            ({ } usage, null) => usage,
            (null, { } after) => after,
            ({ } usage, { } after) => usage > after ? usage : after,
        };
    }

    private static TimeSpan? RegainAccessWait(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues(BusinessUseCaseUsage, out var values))
        {
            return null;
        }

        var minutes = 0;
        foreach (var value in values)
        {
            try
            {
                using var document = JsonDocument.Parse(value);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var businessObject in document.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array))
                {
                    foreach (var usage in businessObject.Value.EnumerateArray())
                    {
                        if (usage.ValueKind == JsonValueKind.Object
                            && usage.TryGetProperty("estimated_time_to_regain_access", out var regain)
                            && regain.TryGetInt32(out var regainMinutes))
                        {
                            minutes = Math.Max(minutes, regainMinutes);
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // The header is advisory: a malformed one leaves the caller's own backoff in charge.
            }
        }

        return minutes > 0 ? TimeSpan.FromMinutes(minutes) : null;
    }
}
