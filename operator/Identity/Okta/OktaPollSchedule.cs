namespace Cerby.Operator.Identity.Okta;

/// <summary>How the System Log is polled: the fastest interval (while events flow), the slowest (idle), and the share of each rate-limit window the poll may use.</summary>
/// <param name="Fastest">The interval while events flow (spec.okta.logPollInterval).</param>
/// <param name="Idle">The interval the poll backs off to when nothing happens (spec.okta.logIdlePollInterval).</param>
/// <param name="MaxSharePercent">The share of the System Log family's rate limit the poll may use (spec.rateLimit.maxShare); the rest is left to the org's other integrations.</param>
internal sealed record OktaPollOptions(TimeSpan Fastest, TimeSpan Idle, int MaxSharePercent = OktaPollOptions.DefaultMaxSharePercent)
{
    public const int DefaultMaxSharePercent = 50;

    /// <summary>With Event Hooks configured the deliveries carry the latency: the poll is a safety net at least this far apart.</summary>
    public static readonly TimeSpan HookSafetyNet = TimeSpan.FromSeconds(60);

    /// <summary>A fixed interval, as before adaptive polling (tests and tools that poll at one pace).</summary>
    public static OktaPollOptions Fixed(TimeSpan interval) => new(interval, interval, 100);
}

/// <summary>
/// Adaptive System Log polling: back to the fastest interval when a poll brought new events, doubling up to the idle
/// interval while polls come back empty (with Event Hooks, at least <see cref="OktaPollOptions.HookSafetyNet"/> apart,
/// and fast again only when the log brought events the hooks had not), and never faster than the declared share of the
/// family's rate limit allows, read from the last answer's <c>X-Rate-Limit-*</c> headers: a poll that made n requests
/// waits at least n × window / (limit × share); when what remains of the window is no more than the part left to other
/// integrations, the next poll waits for the window to reset. Not thread-safe: one poller.
/// </summary>
internal sealed class OktaPollSchedule(OktaPollOptions options, bool hooks)
{
    /// <summary>Okta's rate-limit windows are one minute long.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private TimeSpan _interval = hooks ? Slowest(options, hooks) : options.Fastest;

    /// <summary>The interval the schedule is at (before the rate-limit floor).</summary>
    public TimeSpan Interval => _interval;

    /// <summary>The delay before the next poll, after one that brought <paramref name="newEvents"/> events in <paramref name="requests"/> requests.</summary>
    public TimeSpan Next(int newEvents, int requests, OktaRateBudget? budget, DateTimeOffset now)
    {
        var slowest = Slowest(options, hooks);
        _interval = newEvents > 0 ? options.Fastest : Min(slowest, Max(options.Fastest, _interval * 2));
        var delay = _interval;
        if (budget is not { Limit: > 0 })
        {
            return delay;
        }

        var share = Math.Max(budget.Limit * Math.Clamp(options.MaxSharePercent, 1, 100) / 100.0, 1);
        delay = Max(delay, Window * (Math.Max(requests, 1) / share));
        if (budget.Remaining <= budget.Limit - share && budget.ResetAt > now)
        {
            delay = Max(delay, budget.ResetAt - now);
        }

        return delay;
    }

    private static TimeSpan Slowest(OktaPollOptions options, bool hooks) =>
        Max(options.Fastest, hooks ? Max(options.Idle, OktaPollOptions.HookSafetyNet) : options.Idle);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
