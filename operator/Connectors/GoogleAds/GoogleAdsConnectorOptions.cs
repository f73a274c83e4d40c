namespace Cerby.Operator.Connectors.GoogleAds;

/// <summary>What a Google Ads connector needs besides its HTTP client and tokens.</summary>
/// <param name="Hub">The hub's key, as <see cref="Planning.ActualAccess.Hub"/> names it.</param>
/// <param name="CustomerId">The customer account (10 digits, no dashes) whose users the hub manages.</param>
/// <param name="LoginCustomerId">The manager account the call acts through (login-customer-id header), when there is one.</param>
internal sealed record GoogleAdsConnectorOptions(string Hub, string CustomerId, string? LoginCustomerId = null)
{
    /// <summary>A search longer than this many pages is taken as a page loop (pages hold up to 10,000 rows).</summary>
    public int MaxPages { get; init; } = 1_000;

    /// <summary>Attempts per request, the first included, for quota errors and transient failures.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The first backoff when Google names no retryDelay; each further retry waits twice as long.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest single wait; a retryDelay beyond it (a daily quota spent) fails the call as throttled at once.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether the backoff is jittered (it is, so that hubs throttled together do not retry together); off only where a test checks exact waits.</summary>
    public bool Jitter { get; init; } = true;
}
