namespace Cerby.Operator.Identity;

/// <summary>How an IdP's change feed (Okta's System Log, Entra's delta queries) is polled: the fastest interval (while changes flow), the slowest (idle), and the share of the rate-limit budget the poll may use.</summary>
/// <param name="Fastest">The interval while changes flow (spec.okta.logPollInterval, spec.entra.deltaPollInterval).</param>
/// <param name="Idle">The interval the poll backs off to when nothing happens (spec.okta.logIdlePollInterval, spec.entra.deltaIdlePollInterval).</param>
/// <param name="MaxSharePercent">The share of the budget the poll may use (spec.rateLimit.maxShare); the rest is left to the tenant's other integrations.</param>
internal sealed record AdaptivePollOptions(TimeSpan Fastest, TimeSpan Idle, int MaxSharePercent = AdaptivePollOptions.DefaultMaxSharePercent)
{
    public const int DefaultMaxSharePercent = 50;

    /// <summary>The idle interval unless the resource says otherwise: a change after an idle minute still arrives within seconds without webhooks.</summary>
    public static readonly TimeSpan DefaultIdle = TimeSpan.FromSeconds(5);

    /// <summary>With pushed changes (Okta Event Hooks) the deliveries carry the latency: the poll is a safety net at least this far apart.</summary>
    public static readonly TimeSpan PushSafetyNet = TimeSpan.FromSeconds(60);

    /// <summary>A fixed interval, as before adaptive polling (tests and tools that poll at one pace).</summary>
    public static AdaptivePollOptions Fixed(TimeSpan interval) => new(interval, interval, 100);
}

/// <summary>A rate-limit window as the IdP last stated it (or as documented, where it states nothing), in the units it counts (requests, resource units).</summary>
/// <param name="Limit">What the window allows.</param>
/// <param name="Remaining">What is left of it.</param>
/// <param name="ResetAt">When it resets, on the operator's clock.</param>
/// <param name="Window">How long a window is.</param>
internal sealed record RateBudget(double Limit, double Remaining, DateTimeOffset ResetAt, TimeSpan Window);

/// <summary>
/// Adaptive polling of an IdP's change feed: back to the fastest interval when a poll brought changes, doubling up to
/// the idle interval while polls come back empty (with pushed changes, at least <see cref="AdaptivePollOptions.PushSafetyNet"/>
/// apart), and never faster than the declared share of the budget allows: a poll that cost c (requests or resource
/// units, as the budget counts) waits at least c × window / (limit × share); when what remains of the window is no more
/// than the part left to other integrations, the next poll waits for the window to reset. Not thread-safe: one poller.
/// </summary>
internal sealed class AdaptivePollSchedule(AdaptivePollOptions options, bool pushed)
{
    private TimeSpan _interval = pushed ? Slowest(options, pushed) : options.Fastest;

    /// <summary>The interval the schedule is at (before the rate-limit floor).</summary>
    public TimeSpan Interval => _interval;

    /// <summary>The delay before the next poll, after one that brought <paramref name="changes"/> changes at a cost of <paramref name="cost"/>.</summary>
    public TimeSpan Next(int changes, double cost, RateBudget? budget, DateTimeOffset now)
    {
        var slowest = Slowest(options, pushed);
        _interval = changes > 0 ? options.Fastest : Min(slowest, Max(options.Fastest, _interval * 2));
        var delay = _interval;
        if (budget is not { Limit: > 0 })
        {
            return delay;
        }

        var share = Math.Max(budget.Limit * Math.Clamp(options.MaxSharePercent, 1, 100) / 100.0, 1);
        delay = Max(delay, budget.Window * (Math.Max(cost, 1) / share));
        if (budget.Remaining <= budget.Limit - share && budget.ResetAt > now)
        {
            delay = Max(delay, budget.ResetAt - now);
        }

        return delay;
    }

    private static TimeSpan Slowest(AdaptivePollOptions options, bool pushed) =>
        Max(options.Fastest, pushed ? Max(options.Idle, AdaptivePollOptions.PushSafetyNet) : options.Idle);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
