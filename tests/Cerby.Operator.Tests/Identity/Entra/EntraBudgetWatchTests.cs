using System.Net;
using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Entra;

namespace Cerby.Operator.Tests.Identity.Entra;

/// <summary>What the delta poll makes of Graph's budget headers, where it announces none, and when it is near the limit or throttles.</summary>
public sealed class EntraBudgetWatchTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly Uri Delta = new("https://graph.microsoft.com/v1.0/groups/delta");

    [Fact]
    public void Without_budget_headers_the_documented_quota_paces_nothing_a_poll_needs_and_the_cost_is_the_resource_units()
    {
        var watch = new EntraBudgetWatch();
        watch.Observe(Delta, Answer(HttpStatusCode.OK, ("x-ms-resource-unit", "2")), Now);
        watch.Observe(Delta, Answer(HttpStatusCode.OK), Now); // no header: 1

        var schedule = new AdaptivePollSchedule(new AdaptivePollOptions(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), 50), pushed: false);
        Assert.Equal(3, watch.UnitsSpent);
        Assert.Equal(TimeSpan.FromSeconds(4), schedule.Next(0, watch.UnitsSpent, watch.Budget(Now), Now)); // 2 doubled, far under 1,750 RU per 10 s
        Assert.Equal(TimeSpan.FromSeconds(5), schedule.Next(0, watch.UnitsSpent, watch.Budget(Now), Now));
    }

    [Fact]
    public void Past_80_percent_of_the_quota_or_throttled_the_next_poll_waits_the_window_or_the_retry_after()
    {
        var schedule = new AdaptivePollSchedule(new AdaptivePollOptions(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), 50), pushed: false);
        var near = new EntraBudgetWatch();
        near.Observe(Delta, Answer(HttpStatusCode.OK, ("x-ms-throttle-limit-percentage", "0.85")), Now);
        Assert.Equal(TimeSpan.FromSeconds(10), schedule.Next(1, 2, near.Budget(Now), Now));

        var throttled = new EntraBudgetWatch();
        throttled.Observe(Delta, Answer((HttpStatusCode)429, ("Retry-After", "42")), Now);
        Assert.Equal(TimeSpan.FromSeconds(42), schedule.Next(1, 2, throttled.Budget(Now), Now));
    }

    [Fact]
    public void An_announced_budget_and_its_window_come_from_the_ratelimit_headers()
    {
        var watch = new EntraBudgetWatch();
        watch.Observe(Delta, Answer(HttpStatusCode.OK, ("RateLimit-Limit", "100"), ("RateLimit-Remaining", "80"), ("RateLimit-Reset", "7"), ("RateLimit-Policy", "100;w=10")), Now);

        var budget = watch.Budget(Now);
        Assert.Equal(new RateBudget(100, 80, Now.AddSeconds(7), TimeSpan.FromSeconds(10)), budget);
        Assert.Equal(100, watch.Budget(Now.AddSeconds(8)).Remaining); // the window ended: refilled
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}
