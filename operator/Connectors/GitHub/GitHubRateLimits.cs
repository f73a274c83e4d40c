using System.Globalization;
using Cerby.Operator.HttpEdge;

namespace Cerby.Operator.Connectors.GitHub;

/// <summary>
/// Reads GitHub's throttling answers (REST rate-limit guide): the primary limit is 403 or 429 with
/// <c>x-ratelimit-remaining: 0</c>, to wait until <c>x-ratelimit-reset</c> (epoch seconds); the secondary limit is 403
/// or 429 whose message names it, to wait <c>retry-after</c> seconds, else until the reset when nothing remains, else a
/// minute. 408 and 5xx are unavailability. Anything else is not transient.
/// </summary>
internal sealed class GitHubRateLimits : IApiRules
{
    /// <summary>The rules, stateless.</summary>
    public static GitHubRateLimits Instance { get; } = new();

    /// <summary>The wait for a secondary limit that names none.</summary>
    public static readonly TimeSpan SecondaryDefault = TimeSpan.FromMinutes(1);

    public async ValueTask<EdgeFailure?> ClassifyAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status is not (403 or 429))
        {
            return EdgeFailure.FromStatus(response, now);
        }

        var retryAfter = RetryAfterHeader.Parse(response, now);
        var untilReset = Remaining(response) == 0 ? UntilReset(response, now) : null;
        if (Remaining(response) == 0)
        {
            return new(EdgeFailureKind.Throttled, $"{status} primary rate limit exhausted", retryAfter ?? untilReset ?? SecondaryDefault, status, "primary");
        }

        var error = await GitHubError.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        if (status == 429 || error.Message.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase))
        {
            return new(EdgeFailureKind.Throttled, $"{status} secondary rate limit", retryAfter ?? SecondaryDefault, status, "secondary");
        }

        return null;
    }

    private static long? Remaining(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-ratelimit-remaining", out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining) ? remaining : null;

    private static TimeSpan? UntilReset(HttpResponseMessage response, DateTimeOffset now)
    {
        if (!response.Headers.TryGetValues("x-ratelimit-reset", out var values)
            || !long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
        {
            return null;
        }

        var wait = DateTimeOffset.FromUnixTimeSeconds(epoch) - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }
}
