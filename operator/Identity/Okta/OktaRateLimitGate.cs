using System.Globalization;
using Cerby.Operator.HttpEdge;

namespace Cerby.Operator.Identity.Okta;

/// <summary>
/// Okta's rate limits, per endpoint family (<c>/api/v1/users</c>, <c>/api/v1/groups</c>, <c>/api/v1/logs</c>, …): every
/// answer carries <c>X-Rate-Limit-Limit</c>, <c>-Remaining</c> and <c>-Reset</c> (UTC epoch seconds). When little is left,
/// the next requests of that family are spread over the time to Reset; none left means waiting for Reset. Reset is
/// compared with the answer's <c>Date</c> to be immune to clock skew. A 429 is throttling, to wait until Reset (one second
/// when Reset is missing); a 5xx is unavailability, retried with the edge's backoff. These are the edge's rules for Okta.
/// </summary>
internal sealed class OktaRateLimitGate(OktaRetryPolicy policy) : IApiRules
{
    /// <summary>Okta's rate-limit windows are one minute long.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _notBefore = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RateBudget> _observed = new(StringComparer.Ordinal);

    /// <summary>The family's budget as the last answer stated it (requests: <c>X-Rate-Limit-Limit</c>, <c>-Remaining</c>, <c>-Reset</c> against the answer's Date); null before any answer carried the headers.</summary>
    public RateBudget? Observed(Uri target)
    {
        lock (_lock)
        {
            return _observed.GetValueOrDefault(Family(target));
        }
    }

    /// <summary>How long a request to this family must wait before it may go out.</summary>
    public TimeSpan PauseBefore(Uri target, DateTimeOffset now)
    {
        lock (_lock)
        {
            return _notBefore.TryGetValue(Family(target), out var notBefore) && notBefore > now ? notBefore - now : TimeSpan.Zero;
        }
    }

    /// <summary>429 is throttling (wait until Reset), 5xx unavailability; anything else is the caller's to read.</summary>
    public ValueTask<EdgeFailure?> ClassifyAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var description = $"{status} {response.ReasonPhrase}".TrimEnd();
        return ValueTask.FromResult<EdgeFailure?>(status switch
        {
            429 => new EdgeFailure(EdgeFailureKind.Throttled, description, UntilReset(response, now) ?? TimeSpan.FromSeconds(1), status),
            >= 500 => new EdgeFailure(EdgeFailureKind.Unavailable, description, null, status),
            _ => null,
        });
    }

    /// <summary>Records an answer's rate-limit headers.</summary>
    public void Observe(Uri target, HttpResponseMessage response, DateTimeOffset now)
    {
        if (Header(response, "X-Rate-Limit-Remaining") is not { } remaining || UntilReset(response, now) is not { } untilReset)
        {
            return;
        }

        var limit = Header(response, "X-Rate-Limit-Limit") ?? 0;
        var pause = remaining <= 0 ? untilReset
            : remaining * 100 < limit * policy.SlowDownBelowPercent ? untilReset / (remaining + 1)
            : TimeSpan.Zero;
        lock (_lock)
        {
            _notBefore[Family(target)] = now + pause;
            if (limit > 0)
            {
                _observed[Family(target)] = new RateBudget(limit, remaining, now + untilReset, Window);
            }
        }
    }

    private TimeSpan? UntilReset(HttpResponseMessage response, DateTimeOffset now)
    {
        if (Header(response, "X-Rate-Limit-Reset") is not { } reset)
        {
            return null;
        }

        var serverNow = response.Headers.Date ?? now;
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

