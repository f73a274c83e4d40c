using Cerby.Operator.Identity.Okta;
using Cerby.Operator.Planning;
using Microsoft.Extensions.Time.Testing;

namespace Cerby.Operator.Tests.Identity.Okta;

/// <summary>Paging, 429 with X-Rate-Limit-Reset, slowing down before the limit, 5xx and slow answers: all on the client's clock.</summary>
public sealed class OktaRateLimitAndRetryTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Members_over_several_pages_are_read_completely()
    {
        await using var okta = await OktaFixture.StartAsync();
        var everyone = okta.Org.CreateGroup("Everyone");
        for (var i = 0; i < 450; i++)
        {
            okta.Org.AddToGroup(everyone, okta.Org.CreateUser($"user{i:D3}@example.com"));
        }

        var read = await okta.ReadAsync(null, "Everyone");

        Assert.Equal(450, read.Directory.Groups[everyone].MemberIds.Distinct().Count()); // 3 pages of at most 200
        Assert.Equal(450, read.Directory.Users.Count);
        Assert.Equal(MembershipState.Known, read.Directory.Groups[everyone].State);
    }

    [Fact]
    public async Task Rate_limited_call_waits_for_the_reset_on_the_client_clock_then_succeeds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var okta = await OktaFixture.StartAsync(time);
        var editors = okta.Org.CreateGroup("Social Editors");
        okta.Org.AddToGroup(editors, okta.Org.CreateUser("alice@example.com"));
        okta.Emulator.Faults.RateLimit(times: 1, resetIn: TimeSpan.FromSeconds(2), pathContains: "/users");

        var reading = okta.ReadAsync(null, "Social Editors");
        await DriveClockUntilDoneAsync(time, reading);
        var read = await reading;

        Assert.True(read.Directory.UsersKnown);
        Assert.Equal(["alice@example.com"], OktaFixture.Members(read.Directory, "Social Editors"));
        Assert.Single(okta.Log.Lines, l => l.Contains("rate limit reached on /api/v1/users", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Client_slows_down_when_the_window_runs_low_and_never_hits_429()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var okta = await OktaFixture.StartAsync(time, emulatorOnClientClock: true);
        okta.Emulator.RateLimits.Limit = 2;
        for (var i = 0; i < 3; i++)
        {
            okta.Org.CreateGroup($"Team {i}");
        }

        var reading = okta.ReadAsync(null, "Team 0", "Team 1", "Team 2"); // 3 group searches, 3 member lists
        await DriveClockUntilDoneAsync(time, reading);
        var read = await reading;

        Assert.All(read.Directory.Groups.Values, g => Assert.Equal(MembershipState.Known, g.State));
        Assert.DoesNotContain(okta.Log.Lines, l => l.Contains("rate limit reached", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_errors_are_retried_a_bounded_number_of_times()
    {
        await using var okta = await OktaFixture.StartAsync();
        var editors = okta.Org.CreateGroup("Social Editors");
        okta.Emulator.Faults.Fail(times: 2, status: 503, pathContains: "/users");

        var recovered = await okta.ReadAsync(null, "Social Editors");
        Assert.True(recovered.Directory.UsersKnown);

        okta.Emulator.Faults.Fail(times: 4, status: 502, pathContains: $"/groups/{editors}/users");
        var failed = await okta.ReadAsync(null, "Social Editors");
        Assert.Equal(MembershipState.Unknown, failed.Directory.Groups[editors].State);
        Assert.Contains("502", failed.Groups.Single().Problem);
    }

    [Fact]
    public async Task Answers_slower_than_the_timeout_count_as_no_answer()
    {
        await using var okta = await OktaFixture.StartAsync(policy: new OktaRetryPolicy(MaxAttempts: 2, FirstBackoff: TimeSpan.FromMilliseconds(1)), requestTimeout: TimeSpan.FromMilliseconds(200));
        okta.Org.CreateGroup("Social Editors");
        okta.Emulator.Faults.Delay = TimeSpan.FromSeconds(2);

        var read = await okta.ReadAsync(null, "Social Editors");

        Assert.False(read.Directory.UsersKnown);
        Assert.Contains("timed out", read.UsersProblem);
        Assert.Equal(Cerby.Operator.Identity.GroupLookupOutcome.LookupFailed, read.Groups.Single().Outcome);
    }

    /// <summary>Advances the fake clock while the task waits on it, until it completes or the real deadline passes.</summary>
    private static async Task DriveClockUntilDoneAsync(FakeTimeProvider time, Task task)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!task.IsCompleted && DateTime.UtcNow < deadline)
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.WhenAny(task, Task.Delay(20));
        }

        Assert.True(task.IsCompleted, "the read did not finish before the deadline");
    }
}
