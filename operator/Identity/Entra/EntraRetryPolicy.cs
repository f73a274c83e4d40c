using Cerby.Operator.HttpEdge;

namespace Cerby.Operator.Identity.Entra;

/// <summary>How hard the Graph client tries before a call counts as failed.</summary>
/// <param name="MaxAttempts">Attempts per request, the first included, for 429, 5xx, timeouts and refused connections.</param>
/// <param name="FirstBackoff">The wait after the first failure without Retry-After; doubled each time (with jitter).</param>
/// <param name="MaxRetryAfter">The longest wait a Retry-After is honoured for; a longer one is capped to this.</param>
/// <param name="RequestTimeout">How long one attempt may take.</param>
/// <param name="MaxPages">The most pages one list or delta round may have; more means a runaway cursor.</param>
internal sealed record EntraRetryPolicy(
    int MaxAttempts = 4,
    TimeSpan? FirstBackoff = null,
    TimeSpan? MaxRetryAfter = null,
    TimeSpan? RequestTimeout = null,
    int MaxPages = 10_000)
{
    public TimeSpan RetryAfterCap => MaxRetryAfter ?? TimeSpan.FromSeconds(120);

    public TimeSpan Timeout => RequestTimeout ?? TimeSpan.FromSeconds(30);

    /// <summary>The edge policy: a longer Retry-After is capped (the read must go on), each attempt limited to <see cref="Timeout"/>.</summary>
    public EdgePolicy Edge => new(MaxAttempts, FirstBackoff ?? TimeSpan.FromMilliseconds(500), RetryAfterCap, LongWait.Cap, Timeout);
}
