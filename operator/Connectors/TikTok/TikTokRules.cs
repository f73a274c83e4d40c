using System.Globalization;
using System.Text.Json;
using Cerby.Operator.HttpEdge;

namespace Cerby.Operator.Connectors.TikTok;

/// <summary>
/// How the edge reads TikTok answers: a non-2xx by its status; an HTTP 200 whose envelope code is throttling (40100,
/// 40132, 61000) like a 429, "come back later" (40202, 60001) like a 503 (not processed, so even a POST is sent
/// again), and a server failure code (50000, 50002, 51060) like a 500 (a POST after it has an unknown outcome).
/// </summary>
internal sealed class TikTokRules : IApiRules
{
    /// <summary>The rules, stateless.</summary>
    public static TikTokRules Instance { get; } = new();

    public async ValueTask<EdgeFailure?> ClassifyAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            return EdgeFailure.FromStatus(response, now);
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!TryCode(body, out var code) || code == TikTokCodes.Ok)
        {
            return null; // a body that is not an envelope is judged by the caller's strict parse
        }

        var appCode = code.ToString(CultureInfo.InvariantCulture);
        var description = $"TikTok code {appCode}";
        var retryAfter = RetryAfterHeader.Parse(response, now);
        if (TikTokCodes.IsThrottling(code))
        {
            return new EdgeFailure(EdgeFailureKind.Throttled, $"{description} (throttled)", retryAfter, null, appCode);
        }

        if (TikTokCodes.IsNotProcessed(code))
        {
            return new EdgeFailure(EdgeFailureKind.Unavailable, $"{description} (not processed, try later)", retryAfter, null, appCode) { NotProcessed = true };
        }

        return TikTokCodes.IsServerFailure(code)
            ? new EdgeFailure(EdgeFailureKind.Unavailable, $"{description} (server failure)", retryAfter, null, appCode)
            : null;
    }

    private static bool TryCode(string body, out int code)
    {
        code = 0;
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("code", out var value) && value.TryGetInt32(out code);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
