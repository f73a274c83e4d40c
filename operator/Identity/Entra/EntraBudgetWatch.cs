using System.Globalization;
using Cerby.Operator.HttpEdge;

namespace Cerby.Operator.Identity.Entra;

/// <summary>
/// What Microsoft Graph says of the budget, read from every answer (the edge's rules for Graph: 429, 408 and 5xx with
/// Retry-After are retried as <see cref="EdgeFailure.FromStatus"/> says). Graph sends no Okta-style headers on directory
/// reads; what it may send, and what this makes of it:
/// <list type="bullet">
/// <item><c>RateLimit-Limit</c>, <c>-Remaining</c>, <c>-Reset</c> (seconds) and <c>RateLimit-Policy</c> (<c>q;w=seconds</c>),
/// where a workload announces its window: that is the budget (a window of 60 s when the policy does not say).</item>
/// <item>Otherwise the documented identity and access quota of the app and tenant, <see cref="DirectoryQuota"/> resource
/// units per <see cref="DirectoryWindow"/> (the smallest tenant size's, the safe side), with what is left unknown…</item>
/// <item>…unless an answer carried <c>x-ms-throttle-limit-percentage</c> (sent only past 80 % of the quota): then what is
/// left is the rest of that percentage, for one window.</item>
/// <item>A 429 or 503 with <c>Retry-After</c>: nothing is left until then.</item>
/// </list>
/// Each answer's cost is its <c>x-ms-resource-unit</c>, or 1 without one. Thread-safe.
/// </summary>
internal sealed class EntraBudgetWatch : IApiRules
{
    /// <summary>The identity and access quota of one app in one tenant, in resource units per <see cref="DirectoryWindow"/>, for tenants under 50 users (larger tenants get 5,000 and 8,000).</summary>
    public const double DirectoryQuota = 3_500;

    /// <summary>The window of Graph's identity and access quota.</summary>
    public static readonly TimeSpan DirectoryWindow = TimeSpan.FromSeconds(10);

    /// <summary>The window assumed for announced RateLimit-* headers without a RateLimit-Policy.</summary>
    public static readonly TimeSpan AnnouncedWindowUnstated = TimeSpan.FromSeconds(60);

    private readonly Lock _lock = new();
    private double _units;
    private RateBudget? _announced;
    private (double Used, DateTimeOffset Until)? _nearLimit;
    private DateTimeOffset _throttledUntil;

    /// <summary>The resource units spent so far (1 per answer without <c>x-ms-resource-unit</c>): the difference around a poll is its cost.</summary>
    public double UnitsSpent
    {
        get
        {
            lock (_lock)
            {
                return _units;
            }
        }
    }

    public ValueTask<EdgeFailure?> ClassifyAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken) =>
        ValueTask.FromResult(EdgeFailure.FromStatus(response, now));

    public void Observe(Uri target, HttpResponseMessage response, DateTimeOffset now)
    {
        var units = Number(response, "x-ms-resource-unit") is { } cost && cost > 0 ? cost : 1;
        var announced = Announced(response, now);
        var percentage = Number(response, "x-ms-throttle-limit-percentage");
        var throttled = (int)response.StatusCode is 429 or 503 ? RetryAfterHeader.Parse(response, now) : null;
        lock (_lock)
        {
            _units += units;
            _announced = announced ?? _announced;
            if (percentage is { } used and > 0)
            {
                _nearLimit = (used, now + DirectoryWindow);
            }

            if (throttled is { } wait && now + wait > _throttledUntil)
            {
                _throttledUntil = now + wait;
            }
        }
    }

    /// <summary>The budget as last stated (or as documented), at <paramref name="now"/>.</summary>
    public RateBudget Budget(DateTimeOffset now)
    {
        RateBudget budget;
        lock (_lock)
        {
            if (_announced is { } announced)
            {
                // A window that has ended has been refilled.
                budget = announced.ResetAt > now ? announced : announced with { Remaining = announced.Limit, ResetAt = now + announced.Window };
            }
            else
            {
                var used = _nearLimit is { } near && near.Until > now ? Math.Clamp(near.Used, 0, 1) : 0;
                budget = new RateBudget(DirectoryQuota, DirectoryQuota * (1 - used), _nearLimit is { } n && n.Until > now ? n.Until : now + DirectoryWindow, DirectoryWindow);
            }

            if (_throttledUntil > now)
            {
                budget = budget with { Remaining = 0, ResetAt = _throttledUntil > budget.ResetAt ? _throttledUntil : budget.ResetAt };
            }
        }

        return budget;
    }

    private static RateBudget? Announced(HttpResponseMessage response, DateTimeOffset now)
    {
        if (Number(response, "RateLimit-Limit") is not { } limit || limit <= 0
            || Number(response, "RateLimit-Remaining") is not { } remaining
            || Number(response, "RateLimit-Reset") is not { } reset)
        {
            return null;
        }

        var window = AnnouncedWindowUnstated;
        if (response.Headers.TryGetValues("RateLimit-Policy", out var policies))
        {
            foreach (var part in policies.SelectMany(p => p.Split([';', ','], StringSplitOptions.TrimEntries)))
            {
                if (part.StartsWith("w=", StringComparison.OrdinalIgnoreCase)
                    && double.TryParse(part[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
                {
                    window = TimeSpan.FromSeconds(seconds);
                    break;
                }
            }
        }

        return new RateBudget(limit, Math.Max(remaining, 0), now + TimeSpan.FromSeconds(Math.Clamp(reset, 0, window.TotalSeconds)), window);
    }

    private static double? Number(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
