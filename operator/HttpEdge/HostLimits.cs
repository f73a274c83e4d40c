using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Cerby.Operator.HttpEdge;

/// <summary>
/// One <see cref="ConcurrencyLimiter"/> per host (scheme, host, port), shared by every client of the process, so the
/// hubs of one app and the readers of one IdP together keep at most the cap in flight; the rest queue in order.
/// </summary>
internal sealed class HostLimits
{
    /// <summary>The process-wide limits.</summary>
    public static HostLimits Shared { get; } = new();

    private readonly ConcurrentDictionary<string, ConcurrencyLimiter> limiters = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The limiter of <paramref name="target"/>'s host; the first caller's <paramref name="permits"/> sets its cap.</summary>
    public ConcurrencyLimiter For(Uri target, int permits) =>
        limiters.GetOrAdd(target.IsAbsoluteUri ? target.GetLeftPart(UriPartial.Authority) : "", static (_, p) => new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Math.Max(1, p),
            QueueLimit = 100_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }), permits);
}
