using System.Globalization;

namespace Cerby.Operator.Identity.Okta;

/// <summary>
/// Okta's rate limits, per endpoint family (<c>/api/v1/users</c>, <c>/api/v1/groups</c>, <c>/api/v1/logs</c>, …): every
/// answer carries <c>X-Rate-Limit-Limit</c>, <c>-Remaining</c> and <c>-Reset</c> (UTC epoch seconds). When little is left,
/// the next requests of that family are spread over the time to Reset; none left means waiting for Reset. Reset is
/// compared with the answer's <c>Date</c> to be immune to clock skew.
/// </summary>
internal sealed class OktaRateLimitGate(TimeProvider time, OktaRetryPolicy policy)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _notBefore = new(StringComparer.Ordinal);

    /// <summary>Waits until a request to this family may go out.</summary>
    public Task WaitTurnAsync(Uri uri, CancellationToken cancellationToken)
    {
        DateTimeOffset notBefore;
        lock (_lock)
        {
            if (!_notBefore.TryGetValue(Family(uri), out notBefore))
            {
                return Task.CompletedTask;
            }
        }

        var wait = notBefore - time.GetUtcNow();
        return wait > TimeSpan.Zero ? Task.Delay(wait, time, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Records an answer's rate-limit headers.</summary>
    public void Observe(Uri uri, HttpResponseMessage response)
    {
        if (Header(response, "X-Rate-Limit-Remaining") is not { } remaining || UntilReset(response) is not { } untilReset)
        {
            return;
        }

        var limit = Header(response, "X-Rate-Limit-Limit") ?? 0;
        var pause = remaining <= 0 ? untilReset
            : remaining * 100 < limit * policy.SlowDownBelowPercent ? untilReset / (remaining + 1)
            : TimeSpan.Zero;
        lock (_lock)
        {
            _notBefore[Family(uri)] = time.GetUtcNow() + pause;
        }
    }

    /// <summary>How long to wait after a 429: until the window resets, at most the policy's cap; one second when Reset is missing.</summary>
    public TimeSpan AfterTooManyRequests(HttpResponseMessage response) => UntilReset(response) ?? TimeSpan.FromSeconds(1);

    private TimeSpan? UntilReset(HttpResponseMessage response)
    {
        if (Header(response, "X-Rate-Limit-Reset") is not { } reset)
        {
            return null;
        }

        var serverNow = response.Headers.Date ?? time.GetUtcNow();
        var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - serverNow;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > policy.RateLimitCap ? policy.RateLimitCap : wait;
    }

    private static long? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static string Family(Uri uri) => string.Concat(uri.Segments.Take(4)).TrimEnd('/');
}
