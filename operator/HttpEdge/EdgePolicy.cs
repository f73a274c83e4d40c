namespace Cerby.Operator.HttpEdge;

/// <summary>What to do when an API asks for a wait longer than <see cref="EdgePolicy.MaxDelay"/>.</summary>
internal enum LongWait
{
    /// <summary>Stop retrying at once (the call fails, spending no more of the quota): the connectors.</summary>
    GiveUp,

    /// <summary>Wait <see cref="EdgePolicy.MaxDelay"/> and try again (an IdP read that must go on): Okta, Graph.</summary>
    Cap,
}

/// <summary>
/// How hard one client tries. Attempts include the first; a wait is what the API asked for (Retry-After or its own
/// rate-limit headers, exactly), else <see cref="BaseDelay"/> doubled per attempt with jitter; no wait exceeds
/// <see cref="MaxDelay"/>. Each attempt may take <see cref="AttemptTimeout"/>, the whole call <see cref="TotalTimeout"/>,
/// and at most <see cref="MaxConcurrentPerHost"/> requests are in flight to one host (scheme, host and port) at once.
/// </summary>
internal sealed record EdgePolicy(
    int MaxAttempts,
    TimeSpan BaseDelay,
    TimeSpan MaxDelay,
    LongWait LongWait = LongWait.GiveUp,
    TimeSpan? AttemptTimeout = null,
    TimeSpan? TotalTimeout = null,
    int MaxConcurrentPerHost = 8,
    bool Jitter = true)
{
    /// <summary>The connectors' default: four attempts, 1 s then 2 s then 4 s (jittered), waits capped at 30 s.</summary>
    public static EdgePolicy Default { get; } = new(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    /// <summary>One attempt's limit; 30 s when not given.</summary>
    public TimeSpan Attempt => AttemptTimeout ?? TimeSpan.FromSeconds(30);

    /// <summary>The whole call's limit, waits included; 10 min when not given.</summary>
    public TimeSpan Total => TotalTimeout ?? TimeSpan.FromMinutes(10);
}
