using System.Net;
using Cerby.Operator.HttpEdge;

namespace Cerby.Operator.Connectors.LinkedIn;

/// <summary>
/// Reads LinkedIn's 429s. Its limits are per day and reset at midnight UTC, and no Retry-After is documented: a 429
/// whose message says the resource's throttle limit is reached means the day's quota is spent, so the wait asked for is
/// the time left until 00:00 UTC (longer than any retry allows: the call fails at once as Throttled, spending no more
/// calls). Any other 429 is brief infrastructure protection, retried with backoff or after its Retry-After.
/// </summary>
internal sealed class LinkedInThrottling : IApiRules
{
    /// <summary>The rules, stateless.</summary>
    public static LinkedInThrottling Instance { get; } = new();

    /// <summary>How the edge reads LinkedIn answers.</summary>
    public async ValueTask<EdgeFailure?> ClassifyAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.TooManyRequests)
        {
            return EdgeFailure.FromStatus(response, now);
        }

        var retryAfter = RetryAfterHeader.Parse(response, now);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var (message, code) = LinkedInError.Parse(body);
        if (retryAfter is null && message?.Contains(LinkedInError.DailyLimitMessage, StringComparison.OrdinalIgnoreCase) == true)
        {
            var reset = UntilMidnightUtc(now);
            return new EdgeFailure(EdgeFailureKind.Throttled,
                $"429 LinkedIn's daily request limit is spent ({message}); it resets at 00:00 UTC, in {reset.Hours}h {reset.Minutes}m",
                reset, 429, code);
        }

        return new EdgeFailure(EdgeFailureKind.Throttled, $"429 {message ?? "Too Many Requests"}", retryAfter, 429, code);
    }

    /// <summary>The time from <paramref name="now"/> to the next 00:00 UTC.</summary>
    public static TimeSpan UntilMidnightUtc(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        return new DateTimeOffset(utc.Date.AddDays(1), TimeSpan.Zero) - utc;
    }
}
