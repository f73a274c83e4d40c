using Cerby.Operator.Identity;
using Cerby.Operator.Identity.Entra;
using Cerby.Operator.Planning;
using Microsoft.Extensions.Time.Testing;

namespace Cerby.Operator.Tests.Identity.Entra;

/// <summary>429 storms and 503 with Retry-After, bounded retries, slow answers: every wait on the source's clock.</summary>
public sealed class EntraThrottlingTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    /// <summary>Retries on a fake clock; the per-attempt timeout is far away so driving the clock never trips it.</summary>
    private static readonly EntraRetryPolicy OnFakeClock = new(MaxAttempts: 4, FirstBackoff: TimeSpan.FromSeconds(1), RequestTimeout: TimeSpan.FromHours(1));

    [Fact]
    public async Task Throttled_calls_wait_for_retry_after_on_the_sources_clock_then_succeed()
    {
        await using var entra = await EntraFixture.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var editors = entra.Tenant.CreateGroup("Social Editors");
        entra.Tenant.AddMember(editors, entra.Tenant.CreateUser("alice@example.com"));
        var source = entra.Source(time: time, policy: OnFakeClock);
        entra.Emulator.Faults.Throttle(times: 3, retryAfter: TimeSpan.FromSeconds(10), pathContains: "/transitiveMembers");
        var start = time.GetUtcNow();

        var reading = source.ReadAsync(EntraFixture.Named("Social Editors"), CancellationToken.None);
        await DriveClockUntilDoneAsync(time, reading);
        var read = await reading;

        Assert.Equal(["alice@example.com"], EntraFixture.Members(read.Directory, "Social Editors"));
        Assert.True(time.GetUtcNow() - start >= TimeSpan.FromSeconds(30), $"waited only {time.GetUtcNow() - start}");
        Assert.Equal(3, entra.Log.Lines.Count(l => l.Contains("throttled /v1.0/groups/", StringComparison.Ordinal) && l.Contains("(429); waiting 00:00:10", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Unavailable_with_retry_after_is_retried_too()
    {
        await using var entra = await EntraFixture.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        entra.Tenant.CreateUser("alice@example.com");
        var source = entra.Source(time: time, policy: OnFakeClock);
        entra.Emulator.Faults.Fail(times: 2, status: 503, pathContains: "/v1.0/users", retryAfter: TimeSpan.FromSeconds(7));

        var reading = source.ReadAsync([], CancellationToken.None);
        await DriveClockUntilDoneAsync(time, reading);

        Assert.True((await reading).Directory.UsersKnown);
        Assert.Equal(2, entra.Log.Lines.Count(l => l.Contains("(503); waiting 00:00:07", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_storm_past_the_retry_budget_fails_the_poll_and_the_next_poll_catches_up()
    {
        await using var entra = await EntraFixture.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var editors = entra.Tenant.CreateGroup("Social Editors");
        var source = entra.Source(time: time, policy: OnFakeClock);
        var reading = source.ReadAsync(EntraFixture.Named("Social Editors"), CancellationToken.None);
        await DriveClockUntilDoneAsync(time, reading);
        var read = await reading;
        var links = source.DeltaLinks;

        entra.Tenant.AddMember(editors, entra.Tenant.CreateUser("alice@example.com"));
        entra.Emulator.Faults.Throttle(times: 1000, retryAfter: TimeSpan.FromSeconds(5));
        var polling = source.PollAsync(read.Directory, CancellationToken.None);
        await DriveClockUntilDoneAsync(time, polling);
        var failure = await Assert.ThrowsAsync<IdentitySourceException>(() => polling);

        Assert.Contains("429 TooManyRequests", failure.Message);
        Assert.Equal(links, source.DeltaLinks);
        Assert.Equal(3, entra.Log.Lines.Count(l => l.Contains("(429)", StringComparison.Ordinal)));

        entra.Emulator.Faults.Clear();
        var catching = source.PollAsync(read.Directory, CancellationToken.None);
        await DriveClockUntilDoneAsync(time, catching);
        Assert.Equal(["alice@example.com"], EntraFixture.Members((await catching).ApplyTo(read.Directory), "Social Editors"));
    }

    [Fact]
    public async Task A_storm_during_a_full_read_leaves_the_parts_unknown_never_empty()
    {
        await using var entra = await EntraFixture.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var editors = entra.Tenant.CreateGroup("Social Editors");
        entra.Tenant.AddMember(editors, entra.Tenant.CreateUser("alice@example.com"));
        var source = entra.Source(time: time, policy: OnFakeClock);
        entra.Emulator.Faults.Throttle(times: 1000, retryAfter: TimeSpan.FromSeconds(2), pathContains: "/transitiveMembers");

        var reading = source.ReadAsync(EntraFixture.Named("Social Editors"), CancellationToken.None);
        await DriveClockUntilDoneAsync(time, reading);
        var read = await reading;

        Assert.Equal(GroupLookupOutcome.MembersUnreadable, read.Groups.Single().Outcome);
        Assert.Equal(MembershipState.Unknown, read.Directory.Groups[editors].State);
        Assert.True(read.Directory.UsersKnown);
    }

    [Fact]
    public async Task Answers_slower_than_the_timeout_count_as_no_answer()
    {
        await using var entra = await EntraFixture.StartAsync();
        entra.Tenant.CreateGroup("Social Editors");
        var source = entra.Source(policy: new EntraRetryPolicy(MaxAttempts: 2, FirstBackoff: TimeSpan.FromMilliseconds(1), RequestTimeout: TimeSpan.FromMilliseconds(200)));
        entra.Emulator.Faults.Delay = TimeSpan.FromSeconds(2);

        var read = await Eventually.Within(source.ReadAsync(EntraFixture.Named("Social Editors"), CancellationToken.None));

        Assert.False(read.Directory.UsersKnown);
        Assert.Contains("no answer", read.UsersProblem);
        Assert.Equal(GroupLookupOutcome.LookupFailed, read.Groups.Single().Outcome);
        Assert.Contains(entra.Log.Lines, l => l.Contains("No answer from Microsoft Graph", StringComparison.Ordinal));
    }

    /// <summary>Advances the fake clock while the task waits on it, until it completes or the real deadline passes.</summary>
    private static async Task DriveClockUntilDoneAsync(FakeTimeProvider time, Task task)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!task.IsCompleted && DateTime.UtcNow < deadline)
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.WhenAny(task, Task.Delay(10));
        }

        Assert.True(task.IsCompleted, "the call did not finish before the deadline");
    }
}
