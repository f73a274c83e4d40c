using Cerby.Operator.HttpEdge;

namespace Cerby.Operator.Connectors.GoogleAds;

/// <summary>
/// How the edge reads Google Ads answers: 429 is a quota error, retried after its quotaErrorDetails.retryDelay (else
/// Retry-After, else the backoff); a spent daily operations cap (RESOURCE_EXHAUSTED naming no delay) is not retried,
/// no retry helps today; 408 and 5xx as usual.
/// </summary>
internal sealed class GoogleAdsQuota : IApiRules
{
    /// <summary>The rules, stateless.</summary>
    public static GoogleAdsQuota Instance { get; } = new();

    public async ValueTask<EdgeFailure?> ClassifyAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if ((int)response.StatusCode != 429)
        {
            return EdgeFailure.FromStatus(response, now);
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var failure = GoogleAdsFailure.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), "429 Too Many Requests");
        var wait = failure.RetryDelay ?? RetryAfterHeader.Parse(response, now);
        if (wait is null && failure.Value == "RESOURCE_EXHAUSTED")
        {
            return null; // the daily operations cap: no retry helps today
        }

        return new EdgeFailure(EdgeFailureKind.Throttled, $"429 {failure.Code ?? "quota exceeded"}", wait, 429, failure.Code);
    }
}
