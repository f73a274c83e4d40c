using Cerby.Operator.HttpEdge;

namespace Cerby.Operator.Identity.Okta;

/// <summary>How hard the client tries before an Okta call counts as failed.</summary>
/// <param name="MaxAttempts">Attempts per request, the first included, for 429, 5xx, timeouts and refused connections.</param>
/// <param name="FirstBackoff">The wait after the first 5xx or transport failure; doubled each time (with jitter).</param>
/// <param name="MaxRateLimitWait">The longest wait for a rate-limit window to reset; a longer Reset is capped to this.</param>
/// <param name="SlowDownBelowPercent">Below this share of the window's limit left, requests are spread over the time to Reset.</param>
/// <param name="MaxPages">The most pages one list may have; more means a runaway cursor.</param>
internal sealed record OktaRetryPolicy(
    int MaxAttempts = 4,
    TimeSpan? FirstBackoff = null,
    TimeSpan? MaxRateLimitWait = null,
    int SlowDownBelowPercent = 10,
    int MaxPages = 10_000)
{
    public TimeSpan RateLimitCap => MaxRateLimitWait ?? TimeSpan.FromSeconds(60);

    /// <summary>The edge policy: a wait longer than the cap is capped (an IdP read must go on), attempts limited to <paramref name="attemptTimeout"/>.</summary>
    public EdgePolicy Edge(TimeSpan attemptTimeout) =>
        new(MaxAttempts, FirstBackoff ?? TimeSpan.FromMilliseconds(200), RateLimitCap, LongWait.Cap, attemptTimeout);
}
