namespace Cerby.Operator.Connectors.ConnectorHttp;

/// <summary>
/// How often and how long a connector retries a call the app refused for a passing reason (429, 5xx, timeouts).
/// Attempts include the first; a wait is Retry-After when the app sent one, else <see cref="BaseDelay"/> doubled per
/// attempt, and never more than <see cref="MaxDelay"/> (a longer Retry-After ends the retries at once).
/// </summary>
internal sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>Four attempts, 1 s then 2 s then 4 s, waits capped at 30 s.</summary>
    public static RetryPolicy Default { get; } = new(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
}
